/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.gif';
declare module '*.jpg';
declare module '*.jpeg';
declare module '*.svg';
declare module '*.css';

/** Cloud environment id, injected by config/index.ts from config/wechat.json (env LXQ_CLOUD_ENV overrides). */
declare const CLOUD_ENV: string;

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV?: 'weapp' | 'h5' | 'swan' | 'alipay' | 'tt' | 'qq' | 'jd' | 'rn' | 'harmony';
    LXQ_CLOUD_ENV?: string;
    LXQ_APPID?: string;
    LXQ_RELEASE?: string;
    LXQ_API_ORIGIN?: string;
  }
}
