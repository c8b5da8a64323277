import { Descriptions, Empty, Table, Typography } from 'antd';
import { useDesignerI18n } from '../designer-i18n.js';
import { camundaProperties, type DiagramElement, type ModdleElement } from './camunda-properties.js';

interface Props {
  element: DiagramElement | undefined;
  ruleWords?: (name: string) => string | undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** What a definition declares on one element (CONTRACT §8), read-only. */
export function ElementDetails({ element, ruleWords }: Props) {
  const { d } = useDesignerI18n();
  if (element === undefined) return <Empty description={d('selectElement')} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  const bo = element.businessObject;
  const documentation = (bo.get('documentation') as { text?: string }[] | undefined)
    ?.map((entry) => entry.text ?? '')
    .join('\n');
  const condition = (bo.get('conditionExpression') as ModdleElement | undefined)?.get('body');
  const items = [
    { key: 'id', label: d('elementId'), children: element.id },
    { key: 'type', label: d('elementType'), children: bo.$type.replace('bpmn:', '') },
    { key: 'name', label: d('elementName'), value: text(bo.name) },
    { key: 'documentation', label: d('documentation'), value: text(documentation) },
    { key: 'formKey', label: d('formKey'), value: text(bo.get('camunda:formKey')) },
    { key: 'groups', label: d('candidateGroups'), value: text(bo.get('camunda:candidateGroups')) },
    { key: 'condition', label: d('condition'), value: text(condition) },
  ]
    .filter((item) => 'children' in item || item.value !== undefined)
    .map(({ key, label, children, value }) => ({ key, label, children: children ?? value }));
  const properties = camundaProperties(bo);
  return (
    <>
      <Typography.Title level={5}>{d('elementDetails')}</Typography.Title>
      <Descriptions size="small" column={1} bordered items={items} styles={{ label: { whiteSpace: 'nowrap' } }} />
      {properties.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {d('properties')}
          </Typography.Title>
          <Table
            size="small"
            pagination={false}
            rowKey="name"
            dataSource={properties}
            columns={[
              { title: 'name', dataIndex: 'name' },
              {
                title: 'value',
                dataIndex: 'value',
                render: (value: string, property) => {
                  const words = property.name === 'rule' ? ruleWords?.(value) : undefined;
                  return words === undefined ? value : `${value}（${words}）`;
                },
              },
            ]}
          />
        </>
      )}
    </>
  );
}
