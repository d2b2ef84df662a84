// Problems in the caller's language (issue 25, docs/adr/0022): which language a request asked for
// and the typed shape of the texts a service registers for its own problem codes. The kit's own
// texts are in problem-texts.ts; problem.ts picks from both.

export const problemLanguages = ['kk', 'ru', 'en'] as const;
export type ProblemLanguage = (typeof problemLanguages)[number];

/** What a problem says when the caller names no language the APIs speak. */
export const defaultProblemLanguage: ProblemLanguage = 'en';

/** The problem's extension members (`failedConditions`, `currentState`, …), for texts that name them. */
export type ProblemMembers = Readonly<Record<string, unknown>>;

/** A fixed sentence, or one built from the problem's members. */
export type ProblemText = string | ((members: ProblemMembers) => string);

/**
 * A problem code's detail in Kazakh and Russian; English is the detail the code was thrown with
 * unless `en` says otherwise (e.g. to put a list of machine words into a sentence).
 */
export type ProblemTranslation = {
  readonly kk: ProblemText;
  readonly ru: ProblemText;
  readonly en?: ProblemText;
};

/** code → translation, e.g. `{ 'case.not_found': { kk: 'Іс табылмады.', ru: 'Дело не найдено.' } }`. */
export type ProblemTexts = Readonly<Record<string, ProblemTranslation>>;

/** A service's texts, checked where they are written: `export const caseProblemTexts = problemTexts({ … })`. */
export function problemTexts<const T extends ProblemTexts>(texts: T): T {
  return texts;
}

/**
 * The best of kk, ru and en for an `Accept-Language` header (RFC 9110 §12.5.4): ranges are matched
 * on their primary subtag (`ru-RU` is ru), the highest q wins, the first listed wins a tie, q=0
 * excludes, and `*` or nothing we speak means the default.
 */
export function negotiateLanguage(header: string | readonly string[] | undefined): ProblemLanguage {
  const text = typeof header === 'string' ? header : (header ?? []).join(',');
  let best: ProblemLanguage = defaultProblemLanguage;
  let bestWeight = 0;
  for (const part of text.split(',')) {
    const [range = '', ...parameters] = part.split(';').map((piece) => piece.trim().toLowerCase());
    const weightParameter = parameters.find((parameter) => parameter.startsWith('q='));
    const weight = weightParameter === undefined ? 1 : Number(weightParameter.slice(2));
    if (!(weight > 0 && weight <= 1)) continue;
    const primary = range.split('-')[0];
    const language =
      range === '*' ? defaultProblemLanguage : problemLanguages.find((candidate) => candidate === primary);
    if (language !== undefined && weight > bestWeight) {
      best = language;
      bestWeight = weight;
    }
  }
  return best;
}

/** A text said in full; a builder that cannot say it (members missing) gives undefined. */
export function say(text: ProblemText | undefined, members: ProblemMembers): string | undefined {
  if (text === undefined) return undefined;
  if (typeof text === 'string') return text;
  try {
    return text(members);
  } catch {
    return undefined;
  }
}

/** `['a', 'b', 'c']` → `a, b and c` in the given language's own words. */
export function listOf(items: readonly string[], language: ProblemLanguage): string {
  if (items.length <= 1) return items.join('');
  const and = { kk: 'және', ru: 'и', en: 'and' }[language];
  return `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}`;
}

/** The words for a member that lists machine codes (`failedConditions`), unknown codes as given. */
export function wordsFor(
  members: ProblemMembers,
  member: string,
  words: Readonly<Record<string, string>>,
): string[] {
  const value = members[member];
  if (!Array.isArray(value)) return [];
  return value.map((code) => words[String(code)] ?? String(code));
}
