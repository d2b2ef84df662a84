// The same bad requests, asked for in kk, ru and en: titles, details and field messages in the
// caller's language, the machine members unchanged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { NotFoundError, UnprocessableError } from './errors.ts';
import { buildHttpApp, type HttpApp } from './http.ts';
import { createLogger } from './log.ts';
import { listOf, problemTexts, wordsFor } from './problem-language.ts';
import { createTestAuth } from './testing/tokens.ts';

const auth = await createTestAuth();
const conditions = {
  kk: { consent: 'тараптар келісім бермеген' },
  ru: { consent: 'стороны не дали согласия' },
} as const;
const texts = problemTexts({
  'assignment.refused': {
    kk: (m) =>
      `Медиаторды тағайындау мүмкін емес: ${listOf(wordsFor(m, 'failedConditions', conditions.kk), 'kk')}.`,
    ru: (m) => `Нельзя назначить медиатора: ${listOf(wordsFor(m, 'failedConditions', conditions.ru), 'ru')}.`,
  },
});

let app: HttpApp;
beforeAll(async () => {
  app = await buildHttpApp({
    service: 'problem-test',
    logger: createLogger({ service: 'problem-test', level: 'silent' }),
    auth: auth.verifier,
    readiness: async () => ({}),
    problemTexts: texts,
    corsOrigins: ['https://console.example'],
  });
  const body = z.strictObject({ name: z.string().min(1).max(5), region: z.string().regex(/^\d{9}$/) });
  app.post(
    '/things',
    { schema: { summary: 'Make a thing', operationId: 'makeThing', body } },
    async () => ({}),
  );
  app.post('/assign', async () => {
    throw new UnprocessableError('assignment.refused', 'The mediator cannot be assigned: consent.', {
      failedConditions: ['consent'],
    });
  });
  app.get('/untranslated', async () => {
    throw new NotFoundError('No widget w-1.', { code: 'widget.not_found' });
  });
  await app.ready();
});
afterAll(() => app.close());

const badThing = async (language?: string) =>
  app.inject({
    method: 'POST',
    url: '/things',
    headers: { ...(await auth.headers()), ...(language ? { 'accept-language': language } : {}) },
    payload: { name: 'far too long', region: 'Almaty', extra: 1 },
  });

describe('problems in the caller’s language', () => {
  it('answers the same bad request in kk, ru and en, with Content-Language and Vary', async () => {
    const kk = await badThing('kk');
    const ru = await badThing('ru-RU,ru;q=0.9,en;q=0.5');
    const en = await badThing('en');
    expect(kk.headers['content-language']).toBe('kk');
    expect(ru.headers['content-language']).toBe('ru');
    expect(en.headers['content-language']).toBe('en');
    for (const answer of [kk, ru, en]) {
      expect(answer.statusCode).toBe(400);
      expect(String(answer.headers.vary)).toMatch(/accept-language/i);
      expect(answer.json()).toMatchObject({
        code: 'validation_failed',
        type: 'tag:kelisim.kz,2025:problem:validation_failed',
      });
    }
    expect(kk.json()).toMatchObject({
      title: 'Сұраныс дұрыс емес',
      detail: 'Бір немесе бірнеше өріс дұрыс толтырылмаған.',
    });
    expect(ru.json()).toMatchObject({
      title: 'Запрос составлен неверно',
      detail: 'Одно или несколько полей заполнены неверно.',
    });
    expect(en.json()).toMatchObject({
      title: 'The request is not valid',
      detail: 'One or more fields are not valid.',
    });
  });

  it('gives each field error a stable code and a message in the caller’s language', async () => {
    const byPath = (answer: { json(): { errors: { path: string; code: string; message: string }[] } }) =>
      Object.fromEntries(answer.json().errors.map((error) => [error.path, error]));
    const kk = byPath(await badThing('kk'));
    const ru = byPath(await badThing('ru'));
    const en = byPath(await badThing('en'));
    expect(kk['/body/name']).toEqual({
      path: '/body/name',
      code: 'too_long',
      message: 'Тым ұзын: ең көбі 5 таңба.',
    });
    expect(ru['/body/name']).toMatchObject({
      code: 'too_long',
      message: 'Слишком длинно: не более 5 символов.',
    });
    expect(en['/body/name']).toMatchObject({ code: 'too_long' });
    expect(en['/body/name']?.message).toMatch(/5/);
    expect(ru['/body/region']).toMatchObject({ code: 'invalid_format', message: 'Неверный формат.' });
    // An unknown member is named at its own path.
    expect(kk['/body/extra']).toMatchObject({ code: 'unknown_field', message: 'Мұндай өріс жоқ.' });
  });

  it('names a missing member as required', async () => {
    const answer = await app.inject({
      method: 'POST',
      url: '/things',
      headers: { ...(await auth.headers()), 'accept-language': 'ru' },
      payload: { region: '750000000' },
    });
    expect(answer.json().errors).toEqual([
      { path: '/body/name', code: 'required', message: 'Обязательное поле.' },
    ]);
  });

  it('falls back to English for a language the APIs do not speak', async () => {
    const answer = await badThing('de-DE, fr;q=0.8');
    expect(answer.headers['content-language']).toBe('en');
    expect(answer.json()).toMatchObject({ title: 'The request is not valid' });
  });

  it('says a service’s own code in words, listing the failed conditions', async () => {
    const ask = async (language: string) =>
      (
        await app.inject({
          method: 'POST',
          url: '/assign',
          headers: { ...(await auth.headers()), 'accept-language': language },
        })
      ).json();
    expect(await ask('kk')).toMatchObject({
      code: 'assignment.refused',
      failedConditions: ['consent'],
      title: 'Сұранысты орындау мүмкін емес',
      detail: 'Медиаторды тағайындау мүмкін емес: тараптар келісім бермеген.',
    });
    expect((await ask('ru')).detail).toBe('Нельзя назначить медиатора: стороны не дали согласия.');
    expect((await ask('en')).detail).toBe('The mediator cannot be assigned: consent.');
  });

  it('keeps the English detail of a code without a translation, under a translated title', async () => {
    const answer = await app.inject({
      method: 'GET',
      url: '/untranslated',
      headers: { ...(await auth.headers()), 'accept-language': 'kk' },
    });
    expect(answer.json()).toMatchObject({
      code: 'widget.not_found',
      title: 'Табылмады',
      detail: 'No widget w-1.',
    });
  });

  it('translates the kit’s own answers too: a missing token, an unknown route', async () => {
    const unauthorized = await app.inject({
      method: 'GET',
      url: '/untranslated',
      headers: { 'accept-language': 'ru' },
    });
    expect(unauthorized.json()).toMatchObject({ code: 'unauthorized', title: 'Требуется вход в систему' });
    const unknown = await app.inject({
      method: 'GET',
      url: '/nowhere',
      headers: { 'accept-language': 'kk' },
    });
    expect(unknown.headers['content-language']).toBe('kk');
    expect(unknown.json()).toMatchObject({ code: 'route_not_found', detail: 'Мұндай мекенжай жоқ.' });
  });

  it('adds Accept-Language to what the answer already varies on', async () => {
    const answer = await app.inject({
      method: 'GET',
      url: '/untranslated',
      headers: { ...(await auth.headers()), origin: 'https://console.example', 'accept-language': 'kk' },
    });
    expect(String(answer.headers.vary).toLowerCase()).toContain('origin');
    expect(String(answer.headers.vary).toLowerCase()).toContain('accept-language');
  });
});
