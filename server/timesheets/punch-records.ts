/**
 * Punches as a timesheet reads them, and how they travel: the columns every
 * punch has as one JSON text of tuples (parsed where the timesheet is built,
 * which may be a worker thread), and what only corrections and voids have
 * (reasons, who, when) as a short list beside it.
 */
export type PunchRecord = {
  id: number;
  shiftId: number;
  occurrenceDate: string;
  staffId: number;
  kind: 'check_in' | 'check_out';
  at: Date;
  status: 'on_time' | 'late' | 'early';
  scheduledStart: Date;
  scheduledEnd: Date;
  source: 'kiosk' | 'kiosk_offline' | 'api' | 'manager';
  supersedesId: number | null;
  reason: string | null;
  createdBy: number | null;
  recordedAt: Date;
  photoId: string | null;
  kioskId: number | null;
  /** `by` the manager who voided it, or `byKiosk` the kiosk that took it back (*Not you?*). */
  voided: { reason: string; by: number | null; byKiosk: number | null; at: Date } | null;
};

/** Instants are epoch milliseconds. */
export type PunchTuple = [
  id: number, shiftId: number, occurrenceDate: string, staffId: number, kind: PunchRecord['kind'], at: number, status: PunchRecord['status'],
  scheduledStart: number, scheduledEnd: number, source: PunchRecord['source'], supersedesId: number | null, photoId: string | null, kioskId: number | null,
];

/** `staffId` and `shiftId` say which batches a correction belongs to: corrections are read once for a whole range. */
export type CorrectionTuple = [
  id: number, reason: string | null, createdBy: number | null, recordedAt: number, voidReason: string | null, voidedBy: number | null, voidedAt: number | null, voidedByKiosk: number | null,
  staffId: number, shiftId: number,
];

export type RawPunches = { punches: string; corrections: CorrectionTuple[] };

/** The users these corrections name (who corrected or voided the punches). */
export function correctorsOf(corrections: readonly CorrectionTuple[]): number[] {
  return [...new Set(corrections.flatMap((c) => [c[2], c[5]]).filter((id): id is number => id !== null))];
}

export function punchRecordsFrom(raw: RawPunches): PunchRecord[] {
  const correctionOf = new Map(raw.corrections.map((c) => [c[0], c]));
  return (JSON.parse(raw.punches) as PunchTuple[]).map(([id, shiftId, occurrenceDate, staffId, kind, at, status, scheduledStart, scheduledEnd, source, supersedesId, photoId, kioskId]) => {
    const correction = correctionOf.size === 0 ? undefined : correctionOf.get(id);
    return {
      id,
      shiftId,
      occurrenceDate,
      staffId,
      kind,
      at: new Date(at),
      status,
      scheduledStart: new Date(scheduledStart),
      scheduledEnd: new Date(scheduledEnd),
      source,
      supersedesId,
      reason: correction?.[1] ?? null,
      createdBy: correction?.[2] ?? null,
      // A person's own punch is written as it happens.
      recordedAt: new Date(correction?.[3] ?? at),
      photoId,
      kioskId,
      voided: correction && correction[4] !== null ? { reason: correction[4], by: correction[5], byKiosk: correction[7] ?? null, at: new Date(correction[6]!) } : null,
    };
  });
}
