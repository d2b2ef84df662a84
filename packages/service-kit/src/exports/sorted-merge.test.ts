import { describe, expect, it } from 'vitest';
import { mergedPages } from './sorted-merge.ts';

async function* from<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

type Doc = { _id: string; at: number };
const newestFirst = (a: Doc, b: Doc) => b.at - a.at || (a._id < b._id ? 1 : a._id > b._id ? -1 : 0);

describe('merged register pages', () => {
  it('merges sorted sources in order, in pages, passing a document found in two sources once', async () => {
    const a = [9, 7, 4, 1].map((at) => ({ _id: `d${at}`, at }));
    const b = [8, 7, 3, 2].map((at) => ({ _id: `d${at}`, at }));
    const pages: Doc[][] = [];
    for await (const page of mergedPages([from(a), from(b), from<Doc>([])], newestFirst, 3)) pages.push(page);
    expect(pages.map((page) => page.map((doc) => doc.at))).toEqual([[9, 8, 7], [4, 3, 2], [1]]);
  });

  it('no sources, or empty ones, give no page', async () => {
    const pages: Doc[][] = [];
    for await (const page of mergedPages<Doc>([from([])], newestFirst, 3)) pages.push(page);
    expect(pages).toEqual([]);
  });
});
