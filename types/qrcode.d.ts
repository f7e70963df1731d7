/** The part of the qrcode package the local runtime uses (the QR matrix; it draws the PNG itself). */
declare module 'qrcode' {
  export interface BitMatrix {
    size: number;
    get(row: number, col: number): number | boolean;
  }
  export function create(text: string, options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H' }): { modules: BitMatrix };
}
