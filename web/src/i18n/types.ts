import type zhCN from './zh-CN';

/** The catalogue's shape with every leaf a string: `en.ts` must have exactly the same keys. */
export type Messages<T = typeof zhCN> = {
  [K in keyof T]: T[K] extends string ? string : Messages<T[K]>;
};

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
  }
}
