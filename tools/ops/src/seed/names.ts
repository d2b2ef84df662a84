// Synthetic party and mediator names for demo data: given names and surnames from curated lists of
// common Kazakh, Russian and other names of Kazakhstan, combined deterministically so that the
// same seed index always gives the same name and no combination stands for a real person.

const givenNames = {
  kk: ['Айгерім', 'Ерлан', 'Динара', 'Нұрлан', 'Жанар', 'Арман', 'Сәуле', 'Бауыржан', 'Гүлнар', 'Дәурен'],
  ru: ['Анна', 'Сергей', 'Ольга', 'Дмитрий', 'Елена', 'Андрей', 'Татьяна', 'Игорь', 'Наталья', 'Павел'],
  other: ['Рустам', 'Зарина', 'Фаррух', 'Лейла', 'Олег', 'Мадина', 'Виктор', 'Гульнара', 'Ким', 'Ахмед'],
} as const;

const surnames = {
  kk: ['Сейтқали', 'Омарова', 'Жұмабек', 'Тұрсынова', 'Әбенов', 'Қасымова', 'Нұрпейіс', 'Ермекова'],
  ru: ['Волков', 'Смирнова', 'Кузнецов', 'Попова', 'Соколов', 'Лебедева', 'Морозов', 'Новикова'],
  other: ['Юсупов', 'Алиева', 'Ли', 'Шмидт', 'Каримов', 'Мамедова', 'Пак', 'Гарипова'],
} as const;

export type NameOrigin = keyof typeof givenNames;
export const nameOrigins: readonly NameOrigin[] = ['kk', 'ru', 'other'];

/** A deterministic synthetic full name; `index` picks the origin and both parts. */
export function syntheticName(index: number, origin?: NameOrigin): string {
  const i = Math.abs(Math.trunc(index));
  const from = origin ?? nameOrigins[i % nameOrigins.length]!;
  const given = givenNames[from];
  const family = surnames[from];
  // Different strides so consecutive indexes do not walk both lists in step.
  return `${given[(i * 7) % given.length]!} ${family[(i * 3 + 1) % family.length]!}`;
}

/** The language a party with a name of this origin is seeded with. */
export function languageOfOrigin(origin: NameOrigin): 'kk' | 'ru' {
  return origin === 'kk' ? 'kk' : 'ru';
}

/** A synthetic phone number in the reserved-looking +7 700 000 range. */
export function syntheticPhone(index: number): string {
  return `+7 700 000 ${String(1000 + (Math.abs(index) % 9000)).padStart(4, '0')}`;
}
