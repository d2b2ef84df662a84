// The kit's own words in Kazakh and Russian: a title per status (one per kit error class), the
// detail of every code the kit itself throws, and a message per field-error code. English stays
// what the errors are thrown with. Services add the details of their own codes (problem-language.ts).
import { type ProblemLanguage, problemTexts } from './problem-language.ts';

type Words = { readonly kk: string; readonly ru: string };

export const kitTitles: Readonly<Record<number, Words>> = {
  400: { kk: 'Сұраныс дұрыс емес', ru: 'Запрос составлен неверно' },
  401: { kk: 'Жүйеге кіру қажет', ru: 'Требуется вход в систему' },
  403: { kk: 'Рұқсат жоқ', ru: 'Нет доступа' },
  404: { kk: 'Табылмады', ru: 'Не найдено' },
  405: { kk: 'Бұл әдіске жол берілмейді', ru: 'Метод не разрешён' },
  406: { kk: 'Жауап пішімі қолдау көрсетілмейді', ru: 'Формат ответа не поддерживается' },
  409: { kk: 'Ағымдағы күйге сәйкес келмейді', ru: 'Противоречит текущему состоянию' },
  412: { kk: 'Деректер өзгерген', ru: 'Данные изменились' },
  413: { kk: 'Сұраныс тым үлкен', ru: 'Запрос слишком большой' },
  414: { kk: 'Мекенжай тым ұзын', ru: 'Адрес слишком длинный' },
  415: { kk: 'Деректер пішімі қолдау көрсетілмейді', ru: 'Формат данных не поддерживается' },
  422: { kk: 'Сұранысты орындау мүмкін емес', ru: 'Запрос невозможно выполнить' },
  429: { kk: 'Сұраныс тым көп', ru: 'Слишком много запросов' },
  500: { kk: 'Ішкі қате', ru: 'Внутренняя ошибка' },
  502: { kk: 'Қызмет жауап бермейді', ru: 'Сервис не отвечает' },
  503: { kk: 'Қызмет уақытша қолжетімсіз', ru: 'Сервис временно недоступен' },
};

/** For a status without a title of its own. */
export const otherTitle: Readonly<Record<'client' | 'server', Words>> = {
  client: { kk: 'Сұраныс қабылданбады', ru: 'Запрос отклонён' },
  server: { kk: 'Ішкі қате', ru: 'Внутренняя ошибка' },
};

export const kitDetails = problemTexts({
  validation_failed: {
    kk: 'Бір немесе бірнеше өріс дұрыс толтырылмаған.',
    ru: 'Одно или несколько полей заполнены неверно.',
  },
  bad_request: { kk: 'Сұранысты оқу мүмкін болмады.', ru: 'Не удалось прочитать запрос.' },
  unauthorized: { kk: 'Жүйеге қайта кіріңіз.', ru: 'Войдите в систему ещё раз.' },
  forbidden: { kk: 'Бұл әрекетке рұқсатыңыз жоқ.', ru: 'У вас нет прав на это действие.' },
  not_found: { kk: 'Сұралған жазба табылмады.', ru: 'Запрошенная запись не найдена.' },
  route_not_found: { kk: 'Мұндай мекенжай жоқ.', ru: 'Такого адреса нет.' },
  method_not_allowed: {
    kk: 'Бұл мекенжай мұндай әдісті қабылдамайды.',
    ru: 'Этот адрес не принимает такой метод.',
  },
  not_acceptable: {
    kk: 'Сұралған пішімде жауап беру мүмкін емес.',
    ru: 'Ответ в запрошенном формате невозможен.',
  },
  conflict: {
    kk: 'Әрекет жазбаның ағымдағы күйіне сәйкес келмейді.',
    ru: 'Действие не соответствует текущему состоянию записи.',
  },
  precondition_failed: {
    kk: 'Деректерді басқа біреу өзгертті. Бетті жаңартып, қайталаңыз.',
    ru: 'Данные изменил другой пользователь. Обновите страницу и повторите.',
  },
  concurrent_change: {
    kk: 'Сұраныс орындалып жатқанда деректер өзгерді. Бетті жаңартып, қайталаңыз.',
    ru: 'Пока выполнялся запрос, данные изменились. Обновите страницу и повторите.',
  },
  idempotency_key_reused: {
    kk: 'Бұл сұраныс кілті басқа деректермен бұрын қолданылған.',
    ru: 'Этот ключ запроса уже использован с другими данными.',
  },
  'idempotency.in_progress': {
    kk: 'Осы сұраныс әлі орындалып жатыр. Сәлден соң қайталаңыз.',
    ru: 'Этот запрос ещё выполняется. Повторите чуть позже.',
  },
  unprocessable: { kk: 'Сұранысты орындау мүмкін емес.', ru: 'Запрос невозможно выполнить.' },
  payload_too_large: { kk: 'Жіберілген деректер тым үлкен.', ru: 'Отправленные данные слишком велики.' },
  uri_too_long: { kk: 'Мекенжай тым ұзын.', ru: 'Адрес слишком длинный.' },
  unsupported_media_type: {
    kk: 'Деректерді JSON пішімінде жіберіңіз.',
    ru: 'Отправьте данные в формате JSON.',
  },
  too_many_requests: {
    kk: 'Сұраныс тым көп. Біраз күтіп, қайталаңыз.',
    ru: 'Слишком много запросов. Подождите немного и повторите.',
  },
  overloaded: {
    kk: 'Қызмет қазір бос емес. Сәлден соң қайталаңыз.',
    ru: 'Сервис сейчас занят. Повторите чуть позже.',
  },
  dependency_unavailable: {
    kk: 'Қызмет қазір дерекқорға қосыла алмайды. Сәлден соң қайталаңыз.',
    ru: 'Сервис сейчас не может связаться с базой данных. Повторите чуть позже.',
  },
  internal_error: {
    kk: 'Күтпеген қате орын алды. Хабарласқанда сұраныс нөмірін (correlationId) көрсетіңіз.',
    ru: 'Произошла непредвиденная ошибка. При обращении укажите номер запроса (correlationId).',
  },
});

/** The stable code of a field error, from the validator's keyword (problem.ts maps them). */
export type FieldErrorCode =
  | 'required'
  | 'invalid_type'
  | 'too_long'
  | 'too_short'
  | 'too_many'
  | 'too_few'
  | 'too_large'
  | 'too_small'
  | 'invalid_format'
  | 'not_allowed'
  | 'unknown_field'
  | 'invalid';

type FieldWords = { readonly kk: (limit: number) => string; readonly ru: (limit: number) => string };
const fixed = (kk: string, ru: string): FieldWords => ({ kk: () => kk, ru: () => ru });

export const fieldMessages: Readonly<Record<FieldErrorCode, FieldWords>> = {
  required: fixed('Толтыру міндетті.', 'Обязательное поле.'),
  invalid_type: fixed('Мән түрі дұрыс емес.', 'Неверный тип значения.'),
  too_long: {
    kk: (limit) => `Тым ұзын: ең көбі ${limit} таңба.`,
    ru: (limit) => `Слишком длинно: не более ${limit} символов.`,
  },
  too_short: {
    kk: (limit) => `Тым қысқа: кемінде ${limit} таңба.`,
    ru: (limit) => `Слишком коротко: не менее ${limit} символов.`,
  },
  too_many: { kk: (limit) => `Ең көбі ${limit} болуы керек.`, ru: (limit) => `Не более ${limit}.` },
  too_few: { kk: (limit) => `Кемінде ${limit} болуы керек.`, ru: (limit) => `Нужно не менее ${limit}.` },
  too_large: {
    kk: (limit) => `Мән ең көбі ${limit} болуы керек.`,
    ru: (limit) => `Значение должно быть не больше ${limit}.`,
  },
  too_small: {
    kk: (limit) => `Мән кемінде ${limit} болуы керек.`,
    ru: (limit) => `Значение должно быть не меньше ${limit}.`,
  },
  invalid_format: fixed('Пішімі дұрыс емес.', 'Неверный формат.'),
  not_allowed: fixed('Бұл мәнге жол берілмейді.', 'Недопустимое значение.'),
  unknown_field: fixed('Мұндай өріс жоқ.', 'Такого поля нет.'),
  invalid: fixed('Мәні дұрыс емес.', 'Неверное значение.'),
};

/** A field error's message in the caller's language; English keeps the validator's own words. */
export function fieldMessage(
  code: FieldErrorCode,
  language: ProblemLanguage,
  english: string,
  limit: number | undefined,
): string {
  if (language === 'en') return english;
  // A limit-less code never reads its limit; one with a limit always has it from the mapping.
  return fieldMessages[code][language](limit ?? 0);
}
