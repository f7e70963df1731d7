// config/plugins/template-depth.ts gives Text, ScrollView and catchMove views few template levels in base.wxml
// (main package). These tests hold the pages to those caps and check the build used them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { TEMPLATE_DEPTH } from '../../config/plugins/template-depth';
import { ROOT } from './harness';
import { nesting, type Kind } from './nesting';

const src = join(__dirname, '..', '..', 'src');
const tsx = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsx(join(d, e.name)) : e.name.endsWith('.tsx') ? [join(d, e.name)] : []));

// How many of its own kind an element may sit in, itself included.
const CAPS: Record<Kind, number> = {
  text: Math.min(TEMPLATE_DEPTH.text, TEMPLATE_DEPTH['static-text']),
  scroll: TEMPLATE_DEPTH['scroll-view'],
  catch: TEMPLATE_DEPTH['catch-view'],
};

function overCaps(sources: { file: string; text: string }[]): string[] {
  return nesting(sources).flatMap((f) => (Object.keys(CAPS) as Kind[]).filter((k) => f.depth[k] > CAPS[k]).map((k) => `${f.file}:${f.line} ${k} ${f.depth[k]} > ${CAPS[k]}`));
}

test('no page nests Text, ScrollView or catchMove views deeper than base.wxml has templates for', () => {
  const sources = tsx(src).map((file) => ({ file: relative(src, file), text: readFileSync(file, 'utf8') }));
  expect(sources.length).toBeGreaterThan(50);
  expect(overCaps(sources)).toEqual([]);
});

test('the check follows components, their children and JSX passed in props', () => {
  const lib = {
    file: 'lib.tsx',
    text: `
      export function Label({ children }) { return <Text className="a"><Text>{children}</Text></Text>; }
      export const Sheet = ({ title, children }) => <View catchMove><Text>{title}</Text><View>{children}</View></View>;
      export function Table() { return <ScrollView scrollX><View /></ScrollView>; }`,
  };
  expect(overCaps([lib, { file: 'ok.tsx', text: 'export function P() { return <View><Label>x</Label><Sheet title="t"><Table /></Sheet></View>; }' }])).toEqual([]);
  expect(overCaps([lib, { file: 'text.tsx', text: 'export function P() { return <Label><Text>x</Text><Label /></Label>; }' }])).toEqual(['text.tsx:1 text 4 > 3']);
  expect(overCaps([lib, { file: 'prop.tsx', text: 'export function P() { return <Sheet title={<Label><Text>x</Text></Label>} />; }' }])).toEqual(['prop.tsx:1 text 4 > 3']);
  expect(overCaps([lib, { file: 'scroll.tsx', text: 'export function P() { return <ScrollView><Table /></ScrollView>; }' }])).toEqual(['scroll.tsx:1 scroll 2 > 1']);
  expect(overCaps([lib, { file: 'sheet.tsx', text: 'export function P() { return <Sheet><Sheet><Sheet /></Sheet></Sheet>; }' }])).toEqual(['sheet.tsx:1 catch 3 > 2']);
});

test('the weapp build writes only the capped levels', () => {
  if (!existsSync(join(ROOT, 'base.wxml'))) throw new Error('dist/weapp is missing: run npm run build:weapp first');
  const base = readFileSync(join(ROOT, 'base.wxml'), 'utf8');
  const levels = (tag: string) => new Set(Array.from(base.matchAll(/<template name="tmpl_(\d+)_(\w+)">\s*<([\w-]+)/g)).filter((m) => m[3] === tag).map((m) => `${m[1]}_${m[2]}`));
  // scroll-view: one template (level 0) where Taro writes four.
  expect([...levels('scroll-view')]).toEqual(['0_66']);
  // the dialog mask (catch-view, with catchtouchmove) on two levels, plain text on three.
  const catchView = Array.from(base.matchAll(/<template name="tmpl_(\d+)_\w+">\s*<view [^>]*catchtouchmove/g), (m) => m[1]);
  expect(catchView).toEqual(['0', '1']);
  expect([...levels('text')].sort()).toEqual(['0_5', '0_7', '1_5', '1_7', '2_5', '2_7']);
});
