/** What the public echo wall must never show, even when a resident typed it into the text. */
const PATTERNS: [RegExp, string][] = [
  [/\d{17}[\dXx]/g, '[身份证号已隐藏]'],
  [/(?<!\d)1[3-9]\d{9}(?!\d)/g, '[手机号已隐藏]'],
  [/(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)/g, '[电话已隐藏]'],
  [/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '[邮箱已隐藏]'],
];

export function redactForPublic(text: string, names: string[] = []): string {
  let out = text;
  for (const [re, mask] of PATTERNS) out = out.replace(re, mask);
  for (const name of names.filter((n) => n && n.length >= 2)) out = out.split(name).join('[姓名已隐藏]');
  return out;
}
