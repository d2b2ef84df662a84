import { describe, expect, it } from 'vitest';
import { nameKey } from './name-key.ts';

// Real-looking names as registrars type them: the same person in another word order, in Latin,
// or in another romanisation must meet; different people must not.
const samePerson: Array<[string, string]> = [
  ['Сейтқали Айгерим', 'Айгерим Сейтқали'],
  ['Айгерим Сейтқали', 'Aigerim Seitkali'],
  ['Айгерим Сейтқали', 'Seytkali Aigerim'],
  ['Айгерим Сейтқали', 'Aigerim Seitqali'],
  ['Жанар Шәкенова', 'Zhanar Shakenova'],
  ['Жанар Шәкенова', 'Janar Şäkenova'],
  ['Нұрлан Әбілқасымов', 'Nurlan Abilkasymov'],
  ['Нұрлан Әбілқасымов', 'ABILKASSYMOV Nurlan'],
  ['Ерғали Өтегенұлы', 'Ergali Otegenuly'],
  ['Юлия Цой', 'Yuliya Tsoy'],
  ['Юлия Цой', 'Iuliia Tsoi'],
  ['Хасан Ибрагимов', 'Khasan Ibragimov'],
  ['Дильшат Чоршанбиев', 'Dilshat Chorshanbiev'],
  ['Асель  Бекова-Жумабаева', 'asel bekova zhumabayeva'],
  ['Сергей Ковальчук', 'Sergei Kovalchuk'],
  ['Алия Нұрбекқызы', 'Aliya Nurbekkyzy'],
];

const otherPeople: Array<[string, string]> = [
  ['Айгерим Сейтқали', 'Айгерим Сейтқалиева'],
  ['Марат Ахметов', 'Марта Ахметова'],
  ['Ерлан Серікбаев', 'Ерлен Серікбаев'],
  ['Асель Нурланова', 'Асель Нурланқызы'],
  ['Нұрлан Әбілқасымов', 'Нұрлан Әбілқасымов Серікұлы'],
  ['Дина Ким', 'Дина Пак'],
  ['Сергей Иванов', 'Сергей Иванович'],
  ['Айдар Жақсылықов', 'Айдана Жақсылықова'],
  ['Бауыржан Омаров', 'Бахытжан Омаров'],
  ['Ольга Ли', 'Олжас Ли'],
];

describe('name keys', () => {
  it.each(samePerson)('"%s" and "%s" are the same person', (a, b) => {
    expect(nameKey(a)).toBe(nameKey(b));
  });

  it.each(otherPeople)('"%s" and "%s" are different people', (a, b) => {
    expect(nameKey(a)).not.toBe(nameKey(b));
  });

  it('case, spacing, punctuation and Unicode composition do not matter; nothing of the name is dropped', () => {
    expect(nameKey('  АЙГҮЛ   Сәрсенбаева ')).toBe(nameKey('айгүл сәрсенбаева'));
    expect(nameKey('Айгүл Сәрсенбаева'.normalize('NFD'))).toBe(nameKey('Айгүл Сәрсенбаева'));
    expect(nameKey('Айгүл Сәрсенбаева').split(' ')).toHaveLength(2);
    // Nothing of a name is dropped: two names that differ only in digits stay apart.
    expect(nameKey('Айгерим Сейтқали 0195a1b2')).not.toBe(nameKey('Айгерим Сейтқали 0195c3d4'));
  });
});
