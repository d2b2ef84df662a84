// The comparison key of a person's name, for duplicate suspicion and "is the mediator a party"
// (DESIGN.md §5): the same person written with the words in another order ("Сейтқали Айгерим" /
// "Айгерим Сейтқали"), in Latin instead of Cyrillic ("Aigerim Seitkali"), or in another common
// romanisation ("Seytkali", the 2021 Kazakh Latin "Seitqali") gets one key. The key is only ever
// stored as a keyed hash (field-crypto.ts `nameHash`), never as text.
//
// Cyrillic (Kazakh and Russian) is romanised letter by letter, then Latin spellings that differ
// between romanisations are folded together (sh/ş, zh/j, y/i, q/k, doubled letters, diacritics).
// The key is the set of words, sorted: order does not matter, every word does, so "Айгерим
// Сейтқали" and "Айгерім Сейтқалиева" stay apart.

const cyrillic: Readonly<Record<string, string>> = {
  а: 'a',
  ә: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  ғ: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'i',
  і: 'i',
  к: 'k',
  қ: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  ң: 'n',
  о: 'o',
  ө: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ұ: 'u',
  ү: 'u',
  ф: 'f',
  х: 'h',
  һ: 'h',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'sh',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

// Applied in order, to Latin text without diacritics.
const latinFolds: ReadonlyArray<readonly [RegExp, string]> = [
  [/ı/g, 'i'],
  [/sh|sch/g, 's'],
  [/ch|tch/g, 'c'],
  [/zh|dzh|dj/g, 'j'],
  [/kh/g, 'h'],
  [/ts|tz/g, 'c'],
  [/x/g, 'h'],
  [/q/g, 'k'],
  [/w/g, 'u'],
  // The iotated е after a vowel: "Жумабаева" is romanised "Zhumabaeva" and "Zhumabayeva".
  [/([aeiou])y(?=e)/g, '$1'],
  [/y/g, 'i'],
  [/(.)\1+/g, '$1'],
];

function romanise(word: string): string {
  let latin = '';
  for (const letter of word) latin += cyrillic[letter] ?? letter;
  return latinFolds.reduce(
    (text, [pattern, replacement]) => text.replace(pattern, replacement),
    latin.normalize('NFD').replace(/\p{M}/gu, ''),
  );
}

/**
 * The order-free, script-free key of a name: its folded words (letters and digits; nothing of the
 * name is dropped), sorted, joined by spaces.
 */
export function nameKey(name: string): string {
  const words = name
    .normalize('NFKC')
    .toLocaleLowerCase('kk')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .map(romanise)
    .filter((word) => word.length > 0);
  return [...new Set(words)].sort().join(' ');
}
