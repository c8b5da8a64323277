/**
 * The attachments list at the end of a printed form: every file of the submission, under the title
 * of the field it was sent in (a file in a list's row, 创建目标完成情况's 佐证材料, under the list's), in
 * reading order. Pure: the print page numbers its references to files from this list.
 */
import { filesOf, type FieldValue, type ValueNode } from '../workbench/submission-values.js';

export interface DocumentAttachment {
  field: string;
  id: string;
}

export function attachmentsOf(fields: readonly FieldValue[]): DocumentAttachment[] {
  return fields.flatMap((field) => filesOf(field.value).map((id) => ({ field: field.label, id })));
}

/** Whether a labelled value is nothing but files: it reads 见附件 1、2, the files named in the list below. */
export function onlyFiles(node: ValueNode): boolean {
  return node.kind === 'file' || (node.kind === 'list' && node.items.every((item) => item.kind === 'file'));
}
