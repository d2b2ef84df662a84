// Refusals of alerts, groups and rules in Kazakh and Russian, by the codes the domain and routes
// throw (issue 25). English stays the detail they are thrown with.
import { type ProblemMembers, problemTexts } from '@kelisim/service-kit/problem-language';

/** `/body/members/2/username` → 3: the member as a person counts them. */
const memberNumber = (members: ProblemMembers): number => {
  const index = /\/members\/(\d+)\//.exec(String(members.path))?.[1];
  if (index === undefined) throw new Error('no member index');
  return Number(index) + 1;
};

export const notificationProblemTexts = problemTexts({
  'alert.not_found': { kk: 'Ескерту табылмады.', ru: 'Оповещение не найдено.' },
  'alert.not_acknowledgeable': {
    kk: 'Бұл ескерту бұрын қабылданған немесе жабылған.',
    ru: 'Это оповещение уже принято или закрыто.',
  },
  'alert.already_resolved': { kk: 'Бұл ескерту бұрын жабылған.', ru: 'Это оповещение уже закрыто.' },
  'group.not_found': { kk: 'Топ табылмады.', ru: 'Группа не найдена.' },
  'group.exists': { kk: 'Мұндай топ бұрыннан бар.', ru: 'Такая группа уже есть.' },
  'group.unknown_user': {
    kk: (members) => `${memberNumber(members)}-мүше жүйеде тіркелмеген.`,
    ru: (members) => `Участник № ${memberNumber(members)} не зарегистрирован в системе.`,
  },
  'group.duplicate_member': {
    kk: (members) => `${memberNumber(members)}-мүше тізімде екі рет көрсетілген.`,
    ru: (members) => `Участник № ${memberNumber(members)} указан в списке дважды.`,
  },
  'group.webhook_secret_missing': {
    kk: 'Жаңа webhook үшін құпия кілт көрсетіңіз.',
    ru: 'Для нового webhook укажите секретный ключ.',
  },
  'group.out_of_territory': {
    kk: 'Топ тек өз аумағыңызда құрылады.',
    ru: 'Группу можно создать только на своей территории.',
  },
  'rule.not_found': { kk: 'Ереже табылмады.', ru: 'Правило не найдено.' },
});
