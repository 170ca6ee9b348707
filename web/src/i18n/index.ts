import i18n, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import { setApiLanguage } from '../api/client';
import commonZh from './zh-CN/common';
import commonEn from './en/common';
import type { Namespace } from './namespaces';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'shifan.lang';
const DAYJS_LOCALE: Record<Language, string> = { 'zh-CN': 'zh-cn', en: 'en' };

export function isLanguage(v: unknown): v is Language {
  return typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);
}

export function storedLanguage(): Language {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return isLanguage(v) ? v : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

/** Writes the choice again (the server's logout answer clears site storage). */
export function rememberLanguage(lang: Language = currentLanguage()): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
}

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : 'zh-CN';
}

function apply(lang: Language): void {
  setApiLanguage(lang);
  dayjs.locale(DAYJS_LOCALE[lang]);
  document.documentElement.lang = lang;
}

/** The area catalogues, each its own chunk, fetched the first time a route (or a component) needs one. */
const lazyCatalogues = import.meta.glob<{ default: object }>([
  './zh-CN/*.ts',
  './en/*.ts',
  '!./zh-CN/common.ts',
  '!./en/common.ts',
]);

/** An i18next backend over the lazy chunks (i18next retries a failed read a few times). */
export const catalogueBackend: BackendModule = {
  type: 'backend',
  init() {},
  read(lng, ns, callback) {
    const load = lazyCatalogues[`./${lng}/${ns}.ts`];
    if (!load) return callback(new Error(`no catalogue ${lng}/${ns}`), false);
    load().then(
      (m) => callback(null, m.default),
      (e: unknown) => callback(e instanceof Error ? e : new Error(String(e)), false),
    );
  },
};

export async function changeLanguage(lang: Language): Promise<void> {
  rememberLanguage(lang);
  apply(lang);
  await i18n.changeLanguage(lang); // loads every namespace used so far in the new language first
  document.title = i18n.t('app.name');
}

/** Starts i18next once (idempotent): `common` is bundled, so the first paint never waits for a catalogue. */
export function initI18n(): typeof i18n {
  if (i18n.isInitializing || i18n.isInitialized) return i18n;
  const lang = storedLanguage();
  apply(lang);
  void i18n
    .use(catalogueBackend)
    .use(initReactI18next)
    .init({
      resources: { 'zh-CN': { common: commonZh }, en: { common: commonEn } },
      partialBundledLanguages: true,
      ns: ['common'],
      defaultNS: 'common',
      fallbackNS: 'common',
      lng: lang,
      fallbackLng: 'zh-CN',
      supportedLngs: [...LANGUAGES],
      load: 'currentOnly',
      interpolation: { escapeValue: false },
      returnNull: false,
      initAsync: false,
      showSupportNotice: false,
      // A key no catalogue holds would show as itself: say so on the console (the browser tests fail on it).
      saveMissing: true,
      missingKeyHandler: (lngs, ns, key, _fallback, _update, options: { defaultValue?: unknown }) => {
        if (options?.defaultValue === undefined)
          console.error(`[i18n] missing key ${ns}:${key} (${lngs.join(',')})`);
      },
    });
  document.title = i18n.t('app.name');
  return i18n;
}

/** Loads an area's namespaces (in the UI language and the fallback); a route's loader awaits this. */
export function loadNamespaces(ns: readonly Namespace[]): Promise<void> {
  initI18n();
  return ns.length ? i18n.loadNamespaces([...ns]) : Promise.resolve();
}

export default i18n;
