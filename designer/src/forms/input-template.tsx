import { Templates } from '@rjsf/antd';
import type { BaseInputTemplateProps } from '@rjsf/utils';
import type { ComponentType } from 'react';

const AntBaseInputTemplate = Templates.BaseInputTemplate as ComponentType<BaseInputTemplateProps>;

/**
 * rjsf's antd input, without the schema's bounds: antd's InputNumber given `min`/`max` silently
 * replaces a value out of range by the bound on blur (主导产业占比 150 became 100). The value stays as
 * typed and the schema's `minimum`/`maximum` report it as an error instead.
 */
export function UnclampedInputTemplate(props: BaseInputTemplateProps) {
  const { minimum: _minimum, maximum: _maximum, ...schema } = props.schema;
  return <AntBaseInputTemplate {...props} schema={schema} />;
}
