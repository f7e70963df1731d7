/** Replaced at build time by Taro (TARO_ENV); unset under jest, which runs the h5 flavour. */
export const isWeapp = process.env.TARO_ENV === 'weapp';
