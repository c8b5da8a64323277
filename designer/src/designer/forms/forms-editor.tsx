import { Badge, Col, Grid, Menu, Row, Spin } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useDesignerI18n } from '../designer-i18n.js';
import { HeldTextPlaceScope, useHeldIn, useHeldTextPlace } from '../held-text.js';
import type { FileFocus } from '../focus.js';
import { formFile, formKeyOf, jsonText, parseJson, type Workspace } from '../workspace.js';
import { UnreadableFile, unreadableReason } from '../unreadable-file.js';
import { FormEditor } from './form-editor.js';
import type { JsonSchema } from './form-fields.js';

interface Props {
  workspace: Workspace;
  focus: FileFocus | undefined;
}

/** Every `forms/<key>.schema.json` of the version; one at a time in the editor. */
export function FormsEditor({ workspace, focus }: Props) {
  const { d } = useDesignerI18n();
  const keys = useMemo(
    () => workspace.paths.map(formKeyOf).filter((key): key is string => key !== undefined),
    [workspace.paths],
  );
  const [chosen, setSelected] = useState<string | undefined>();
  // The forms of a published version arrive after the editor opens.
  const selected = chosen !== undefined && keys.includes(chosen) ? chosen : (keys[0] ?? '');
  useEffect(() => {
    const key = focus === undefined ? undefined : formKeyOf(focus.file);
    if (key !== undefined) setSelected(key);
  }, [focus]);

  // A box's text that does not parse yet stays held while another form is shown (marked in the list).
  const place = useHeldTextPlace(formFile(selected));
  const heldIn = useHeldIn();
  // On a phone the list goes above the editor, each the screen's width: side by side, the list kept its
  // 300 px and the editor was squeezed to a 70 px strip running off the screen.
  const narrow = Grid.useBreakpoint().md === false;
  const text = workspace.text(formFile(selected));
  const form = useMemo(() => parseJson<JsonSchema>(text), [text]);
  const pointer =
    focus !== undefined && formKeyOf(focus.file) === selected && focus.pointer !== undefined
      ? { value: focus.pointer, seq: focus.seq }
      : undefined;

  if (keys.length === 0) return <Spin style={{ display: 'block', margin: 32 }} />;
  return (
    <Row gutter={[16, 16]} wrap={narrow}>
      <Col flex={narrow ? '100%' : '300px'}>
        <Menu
          mode="inline"
          selectedKeys={[selected]}
          style={{ maxHeight: narrow ? '40vh' : 'calc(100vh - 240px)', overflow: 'auto' }}
          aria-label={d('forms')}
          onClick={({ key }) => {
            setSelected(key);
          }}
          items={keys.map((key) => {
            const title = parseJson<JsonSchema>(workspace.text(formFile(key)))?.title;
            return {
              key,
              label: (
                <span title={`${typeof title === 'string' ? title : ''} (${key})`} data-form={key}>
                  {(workspace.dirty.has(formFile(key)) || heldIn(formFile(key))) && <Badge status="warning" />}{' '}
                  {typeof title === 'string' ? title : key}
                </span>
              ),
            };
          })}
        />
      </Col>
      <Col flex={narrow ? '100%' : 'auto'} style={{ minWidth: 0 }}>
        {form === undefined ? (
          <UnreadableFile
            workspace={workspace}
            path={formFile(selected)}
            reason={
              unreadableReason(formFile(selected), workspace.text(formFile(selected))) ?? {
                reason: d('invalidJson', { message: '' }),
              }
            }
          />
        ) : (
          <HeldTextPlaceScope value={place}>
            <FormEditor
              key={selected}
              form={form}
              readOnly={workspace.readOnly}
              pointer={pointer}
              onChange={(next) => {
                workspace.edit(formFile(selected), jsonText(next));
              }}
            />
          </HeldTextPlaceScope>
        )}
      </Col>
    </Row>
  );
}
