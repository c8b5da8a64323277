import { Alert } from 'antd';
import { Component, type ReactNode } from 'react';
import { SchemaForm } from '../../forms/index.js';
import { useDesignerI18n } from '../designer-i18n.js';

interface Props {
  schema: Record<string, unknown>;
  data: unknown;
  onChange: (data: unknown) => void;
}

/** The form as the workbench renders it (the same SchemaForm), filled with the example. */
export function FormPreview({ schema, data, onChange }: Props) {
  const { d } = useDesignerI18n();
  return (
    <PreviewBoundary schema={schema}>
      <SchemaForm
        schema={schema}
        formData={data}
        onChange={onChange}
        idPrefix="preview"
        preview
        submitLabel={d('checkPreview')}
        onSubmit={() => undefined}
      />
    </PreviewBoundary>
  );
}

interface BoundaryProps {
  schema: unknown;
  children: ReactNode;
}

/** A schema being edited may be one the renderer cannot draw: show why instead of a blank page. */
class PreviewBoundary extends Component<BoundaryProps, { error: Error | undefined }> {
  override state = { error: undefined as Error | undefined };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidUpdate(previous: BoundaryProps) {
    if (previous.schema !== this.props.schema && this.state.error !== undefined) this.setState({ error: undefined });
  }

  override render() {
    if (this.state.error !== undefined) return <Alert type="warning" showIcon title={this.state.error.message} />;
    return this.props.children;
  }
}
