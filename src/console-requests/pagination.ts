/** The parameters of the GOV.UK pagination component for page `page` of `pageCount` (pure). */
export interface Pagination {
  items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[];
  previous?: { href: string };
  next?: { href: string };
}

/** Every page when there are few; otherwise the first, the last and those next to the current one. */
export function pagination(page: number, pageCount: number, hrefOf: (page: number) => string): Pagination {
  const shown = new Set([1, pageCount, page - 1, page, page + 1].filter((p) => p >= 1 && p <= pageCount));
  if (pageCount <= 7) for (let p = 1; p <= pageCount; p++) shown.add(p);
  const numbers = [...shown].sort((a, b) => a - b);
  const items: Pagination['items'] = [];
  numbers.forEach((number, i) => {
    const before = numbers[i - 1];
    if (before !== undefined && number - before > 1) items.push({ ellipsis: true });
    items.push({ number, href: hrefOf(number), current: number === page });
  });
  return {
    items,
    ...(page > 1 ? { previous: { href: hrefOf(page - 1) } } : {}),
    ...(page < pageCount ? { next: { href: hrefOf(page + 1) } } : {}),
  };
}
