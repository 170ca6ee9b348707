import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import { setApiLanguage } from '../api/client';
import zhCN from './zh-CN';
import en from './en';

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

export async function changeLanguage(lang: Language): Promise<void> {
  rememberLanguage(lang);
  apply(lang);
  await i18n.changeLanguage(lang);
  document.title = i18n.t('app.name');
}

export function initI18n(): typeof i18n {
  const lang = storedLanguage();
  apply(lang);
  void i18n.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng: lang,
    fallbackLng: 'zh-CN',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
    showSupportNotice: false,
  });
  document.title = i18n.t('app.name');
  return i18n;
}

export default i18n;
