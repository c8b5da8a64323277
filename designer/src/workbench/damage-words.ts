/**
 * The file an engine's damage incident names (数据文件损坏：cases/c_1.json → cases/c_1.json): the
 * engine words it in Chinese only, and the pages say it in the reader's language around the file.
 */
export function damagedFileOf(message: string): string | undefined {
  const colon = message.indexOf('：');
  return colon < 0 ? undefined : message.slice(colon + 1);
}
