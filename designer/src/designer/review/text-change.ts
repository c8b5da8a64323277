/** Two long texts by what differs between them: …满分6分… → …满分5分… */
export function textChange(before: string, after: string, context = 6): string {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start += 1;
  let end = 0;
  while (
    end < before.length - start &&
    end < after.length - start &&
    before[before.length - 1 - end] === after[after.length - 1 - end]
  )
    end += 1;
  const cut = (value: string) => {
    const from = Math.max(0, start - context);
    const to = Math.min(value.length, value.length - end + context);
    return `${from > 0 ? '…' : ''}${value.slice(from, to)}${to < value.length ? '…' : ''}`;
  };
  return `${cut(before)} → ${cut(after)}`;
}

/** 评估验收及复审结果公示期（不少于五个工作日，…） → 评估验收及复审结果公示期: the name, without its gloss. */
export function shortTitle(title: string): string {
  const short = title.replace(/[（(][^（）()]*[）)]\s*$/, '').trim();
  return short === '' ? title : short;
}
