// The coordinator's new-course form as the browser tests fill it: one module that is the whole
// course, its pass mark and the validity of the certificate it leads to, then sent.
import type { Page } from 'playwright-core';

export type NewCourse = {
  title: { kk: string; ru: string };
  module: { kk: string; ru: string };
  hours: number;
  passMark: number;
  validityMonths: number;
};

export async function createCourse(page: Page, course: NewCourse): Promise<void> {
  await page.locator('#course-title-kk').fill(course.title.kk);
  await page.locator('#course-title-ru').fill(course.title.ru);
  await page.locator('#module-0-kk').fill(course.module.kk);
  await page.locator('#module-0-ru').fill(course.module.ru);
  await page.locator('#module-0-hours').fill(String(course.hours));
  await page.locator('#course-required-hours').fill(String(course.hours));
  await page.locator('#course-pass-mark').fill(String(course.passMark));
  await page.locator('#course-validity').fill(String(course.validityMonths));
  await page.locator('#new-course-title ~ .actions-row button[type="submit"]').click();
}
