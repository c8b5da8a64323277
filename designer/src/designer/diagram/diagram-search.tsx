import { SearchOutlined } from '@ant-design/icons';
import { AutoComplete, Input } from 'antd';
import { useState } from 'react';
import { useDesignerI18n } from '../designer-i18n.js';
import { revealElement, type BpmnDiagram, type ElementRegistry } from './services.js';

export interface NamedElement {
  id: string;
  name: string;
}

/** The diagram's named elements (labels and the canvas root excepted) whose name or id contains `query`. */
export function findElements(diagram: BpmnDiagram, query: string): NamedElement[] {
  const wanted = query.trim().toLowerCase();
  if (wanted === '') return [];
  const found: NamedElement[] = [];
  for (const element of diagram.get<ElementRegistry>('elementRegistry').getAll()) {
    if (element.type === 'label' || element.type === 'bpmn:Collaboration' || element.type === 'bpmn:Process') continue;
    const name = (element.businessObject.name ?? '').replace(/\s+/g, ' ').trim();
    if (name.toLowerCase().includes(wanted) || element.id.toLowerCase().includes(wanted))
      found.push({ id: element.id, name: name === '' ? element.id : name });
  }
  return found.sort((a, b) => a.name.length - b.name.length).slice(0, 30);
}

/**
 * A search box over the diagram's element names: choosing one (a click, or Enter for the first, ↓/↑
 * for another) selects it and centres it.
 */
export function DiagramSearch({ diagram }: { diagram: BpmnDiagram | undefined }) {
  const { d } = useDesignerI18n();
  const [query, setQuery] = useState('');
  const options =
    diagram === undefined
      ? []
      : findElements(diagram, query).map((element) => ({
          value: element.id,
          label: (
            <span data-search-result={element.id}>
              {element.name}
              {element.name !== element.id && <span className="qbz-search-id"> {element.id}</span>}
            </span>
          ),
        }));
  return (
    <AutoComplete
      value={query}
      options={options}
      showSearch={{ onSearch: setQuery, filterOption: false }}
      // Enter takes the first result, as a search box does (antd's AutoComplete needed ↓ first).
      defaultActiveFirstOption
      onSelect={(id: string) => {
        setQuery('');
        if (diagram !== undefined) revealElement(diagram, id);
      }}
      style={{ width: 240 }}
      disabled={diagram === undefined}
      notFoundContent={query.trim() === '' ? undefined : d('searchNone')}
    >
      <Input prefix={<SearchOutlined />} placeholder={d('searchDiagram')} aria-label={d('searchDiagram')} allowClear />
    </AutoComplete>
  );
}
