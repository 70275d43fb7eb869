/**
 * One colour per claim kind, shared by the map, the reader, the legend and the timeline so a kind reads the
 * same everywhere. Built from the Okabe–Ito and Paul Tol palettes, which stay distinguishable under the
 * common colour-vision deficiencies; kinds that sit close in hue (movement/threat, exercise/mobilization)
 * also differ in lightness, and the map adds a second cue through the mark (arc, border, area, point).
 */
import type { ClaimKind, Stance } from './types';

export const KIND_COLORS: Readonly<Record<ClaimKind, string>> = {
  movement: '#D55E00',
  displacement: '#E69F00',
  assistance: '#0072B2',
  deployment: '#332288',
  exercise: '#009E73',
  mobilization: '#117733',
  withdrawal: '#56B4E9',
  offensive: '#882255',
  'territorial-control': '#AA4499',
  statement: '#5F6B7A',
  threat: '#CC6677',
  presence: '#997700',
};

export const KIND_LABELS: Readonly<Record<ClaimKind, string>> = {
  movement: 'Movement',
  displacement: 'Displacement',
  assistance: 'Assistance',
  deployment: 'Deployment',
  exercise: 'Exercise',
  mobilization: 'Mobilization',
  withdrawal: 'Withdrawal',
  offensive: 'Offensive',
  'territorial-control': 'Territorial control',
  statement: 'Statement',
  threat: 'Threat',
  presence: 'Presence',
};

export const STANCE_LABELS: Readonly<Record<Stance, string>> = {
  asserted: 'Asserted',
  denied: 'Denied',
  disputed: 'Disputed',
};
