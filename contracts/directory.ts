export type StationKind = 'home' | 'station' | 'contact_point';

export interface Community {
  _id: string;
  name: string;
  stationId: string;
}

export interface Station {
  _id: string;
  name: string;
  kind: StationKind;
  communityIds: string[];
  address: string;
  /** The station's public phone (tap to call on the home page). */
  phone?: string;
}

/** How to reach the street office (the daily-limit message and the elder home offer it). */
export interface StreetContact {
  phone: string;
}

/** Public deputy info: never openid or phone. */
export interface DeputyPublic {
  _id: string;
  name: string;
  stationId: string;
  communityIds: string[];
  specialties: string[];
}

export interface Category {
  _id: string;
  name: string;
}

export const STATION_KIND_LABELS: Record<StationKind, string> = {
  home: '代表之家',
  station: '代表活动站',
  contact_point: '代表联络点',
};
