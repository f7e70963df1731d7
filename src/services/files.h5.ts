import type { PickedFile } from './files';

const XLSX = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function pickSpreadsheet(): Promise<PickedFile | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = XLSX;
    input.style.display = 'none';
    const done = (file: File | undefined) => {
      input.remove();
      resolve(file ? { name: file.name, size: file.size, source: file } : null);
    };
    input.addEventListener('change', () => done(input.files?.[0]));
    input.addEventListener('cancel', () => done(undefined));
    document.body.appendChild(input);
    input.click();
  });
}

export async function openDocument(url: string, name: string): Promise<void> {
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
}
