import { z } from 'zod';

// A closed vocabulary: its codes (in order, low to high where the order means something), the zod
// enum that accepts them, and their labels in Kazakh and Russian. Labels are lower-case so that
// they read well inside a sentence; capitalise the first letter when a label stands alone.

export const labelLanguages = ['kk', 'ru'] as const;
export type LabelLanguage = (typeof labelLanguages)[number];
export type Labels = Readonly<Record<LabelLanguage, string>>;

export interface Vocabulary<V extends string> {
  readonly values: readonly [V, ...V[]];
  readonly schema: z.ZodEnum<{ [K in V]: K }>;
  readonly labels: Readonly<Record<V, Labels>>;
  /** The label of `value` in `language`. */
  label(value: V, language: LabelLanguage): string;
  /** The position of `value` in the vocabulary, for ordered ones (urgency, band, severity). */
  rank(value: V): number;
}

export function defineVocabulary<const V extends string>(labels: Record<V, Labels>): Vocabulary<V> {
  const values = Object.keys(labels) as [V, ...V[]];
  if (values.length === 0) throw new Error('a vocabulary needs at least one value');
  return {
    values,
    schema: z.enum(values) as unknown as z.ZodEnum<{ [K in V]: K }>,
    labels,
    label: (value, language) => labels[value][language],
    rank: (value) => values.indexOf(value),
  };
}
