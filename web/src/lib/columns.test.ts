import { describe, expect, it } from 'vitest';
import { applyPref, EMPTY_PREF, isDefault, parsePref, prefKey, setHidden, setWidth } from './columns';

const cols = [
  { key: 'name', width: 200, locked: true },
  { key: 'year', width: 90 },
  { key: 'status', width: 80 },
  { key: 'detail', minWidth: 220 },
  { key: 'extra', width: 100, defaultHidden: true },
];

describe('column settings', () => {
  it('keys the storage by user and list', () => {
    expect(prefKey('u-1', 'titles')).toBe('shifan.columns.u-1.titles');
  });

  it('hides columns and applies chosen widths, leaving the page’s order', () => {
    let p = setHidden(EMPTY_PREF, 'year', true);
    p = setWidth(p, 'status', 133.4);
    expect(p).toEqual({ hidden: ['year'], shown: [], widths: { status: 133 } });
    expect(applyPref(cols, p)).toEqual([
      { key: 'name', width: 200, locked: true },
      { key: 'status', width: 133 },
      { key: 'detail', minWidth: 220 },
    ]);
  });

  it('never hides a locked column, nor every column', () => {
    expect(applyPref(cols, { hidden: ['name'], shown: [], widths: {} }).map((c) => c.key)).toEqual([
      'name',
      'year',
      'status',
      'detail',
    ]);
    const free = [
      { key: 'a', width: 100 },
      { key: 'b', width: 100 },
    ];
    expect(applyPref(free, { hidden: ['a', 'b'], shown: [], widths: {} })).toEqual(free);
  });

  it('leaves a default-hidden column out until the user shows it, and back on reset', () => {
    expect(applyPref(cols, EMPTY_PREF).map((c) => c.key)).toEqual(['name', 'year', 'status', 'detail']);
    const p = setHidden(EMPTY_PREF, 'extra', false);
    expect(p).toEqual({ hidden: [], shown: ['extra'], widths: {} });
    expect(applyPref(cols, p).map((c) => c.key)).toEqual(['name', 'year', 'status', 'detail', 'extra']);
    expect(setHidden(p, 'extra', true)).toEqual({ hidden: ['extra'], shown: [], widths: {} });
    expect(isDefault(p)).toBe(false);
  });

  it('shows a hidden column again; an untouched preference is the page’s columns', () => {
    const p = setHidden(setHidden(EMPTY_PREF, 'year', true), 'year', false);
    expect(p).toEqual({ hidden: [], shown: ['year'], widths: {} });
    expect(applyPref(cols, p).map((c) => c.key)).toEqual(['name', 'year', 'status', 'detail']);
    expect(isDefault(EMPTY_PREF)).toBe(true);
    expect(isDefault(setWidth(EMPTY_PREF, 'year', 100))).toBe(false);
    expect(applyPref(cols.slice(0, 4), EMPTY_PREF)).toEqual(cols.slice(0, 4));
  });

  it('clamps widths and leaves columns without a fixed width alone', () => {
    const p = setWidth(setWidth(EMPTY_PREF, 'year', 5), 'detail', 5000);
    expect(p.widths).toEqual({ year: 60, detail: 640 });
    expect(applyPref(cols, p).map((c) => ('width' in c ? c.width : undefined))).toEqual([
      200,
      60,
      80,
      undefined,
    ]);
  });

  it('reads stored settings back and ignores anything malformed', () => {
    expect(
      parsePref(JSON.stringify({ hidden: ['a', 'a', 3], shown: 'b', widths: { a: 120, b: 'x', c: 1e9 } })),
    ).toEqual({ hidden: ['a'], shown: [], widths: { a: 120, c: 640 } });
    expect(parsePref(null)).toEqual(EMPTY_PREF);
    expect(parsePref('{oops')).toEqual(EMPTY_PREF);
    expect(parsePref('42')).toEqual(EMPTY_PREF);
    expect(parsePref('null')).toEqual(EMPTY_PREF);
  });
});
