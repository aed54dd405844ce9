import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ARTIFACTS = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'e2e-artifacts', 'screenshots');
mkdirSync(ARTIFACTS, { recursive: true });

export const baseUrl = () => process.env.E2E_BASE_URL!;
export const adminKey = () => process.env.E2E_ADMIN_KEY!;

export async function login(page: Page, key: string) {
  await page.goto(baseUrl() + '/');
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByTestId('identity')).toBeVisible();
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

export async function api(request: APIRequestContext, method: 'GET' | 'POST', path: string, key: string, data?: unknown) {
  const response = await request.fetch(baseUrl() + path, {
    method,
    headers: { Authorization: `Bearer ${key}` },
    data,
  });
  return response;
}
