// Labels: failure spans and events on an asset, recorded by people and retracted (never deleted) when wrong.
import { z } from 'zod';

const TIME_HELP = 'ISO 8601 with an offset (2024-03-01T08:00:00Z or 2024-03-01T09:00:00+01:00), or epoch milliseconds';

/**
 * Times are stored as ISO 8601 UTC text with milliseconds (`2024-03-01T08:00:00.000Z`), as everywhere
 * in the store: that one form sorts by time as text, so range queries work on both backends. A time
 * without an offset is refused rather than guessed: a label entered in the site zone at a DST change
 * is ambiguous, and labels feed training.
 */
function toStoredTime(value: string | number, ctx: z.RefinementCtx): string {
  const ms = typeof value === 'number' ? value : Date.parse(value);
  const date = new Date(ms);
  const text = Number.isFinite(ms) ? date.toISOString() : '';
  if (!/^\d{4}-/.test(text)) {
    ctx.addIssue({ code: 'custom', message: `${String(value)} is not a time between the years 0 and 9999` });
    return z.NEVER;
  }
  return text;
}

const IsoWithOffset = z.iso.datetime({ offset: true, error: `expected ${TIME_HELP}` });

/** A label time in a JSON body: ISO 8601 with an offset or epoch ms, normalised to ISO 8601 UTC. */
export const LabelTime = z
  .union([IsoWithOffset, z.number().int({ error: `expected ${TIME_HELP}` })])
  .transform(toStoredTime)
  .describe(TIME_HELP);

/** A label time in a query string: ISO 8601 with an offset (URL-encode `+` as %2B) or epoch ms digits. */
export const LabelQueryTime = z
  .union([IsoWithOffset, z.string().regex(/^-?\d{1,15}$/, `expected ${TIME_HELP}`).transform(Number)])
  .transform(toStoredTime)
  .describe(`${TIME_HELP}; URL-encode "+" as %2B`);

/** One label as recorded: a span (with `end`) or an event (without). The author comes from the token. */
export const NewLabel = z.object({
  asset: z.string().trim().min(1).max(200).describe("The asset's id as the use case's entity column names it (e.g. press-3)"),
  start: LabelTime.describe(`When the span begins, or when the event happened. ${TIME_HELP}`),
  end: LabelTime.nullable()
    .default(null)
    .describe('When the span ends (the asset is back to normal): exclusive, after start. Omit or null for an event'),
  class: z.string().trim().min(1).max(100).describe('What happened, in plant words: "failure", "tool-break", "maintenance"...'),
  note: z.string().max(2000).default(''),
});
export type NewLabel = z.infer<typeof NewLabel>;

export const MAX_LABELS_PER_REQUEST = 10_000;

/** One label `{ label }` or a batch `{ labels: [...] }` (stored all or nothing), like predict's `row` / `rows`. */
export const CreateLabelRequest = z
  .object({
    label: NewLabel.optional(),
    labels: z.array(NewLabel).min(1).max(MAX_LABELS_PER_REQUEST).optional(),
  })
  .refine((b) => (b.label === undefined) !== (b.labels === undefined), { message: 'give exactly one of `label` or `labels`' });
export type CreateLabelRequest = z.infer<typeof CreateLabelRequest>;

export const Label = z.object({
  id: z.string(),
  useCaseId: z.string(),
  asset: z.string(),
  start: z.string().describe('ISO 8601, UTC'),
  end: z.string().nullable().describe('ISO 8601, UTC, exclusive; null for an event'),
  class: z.string(),
  note: z.string(),
  author: z.string().describe('Id of the user who recorded it'),
  createdAt: z.string(),
  retracted: z.boolean().describe('Retracted labels are kept for history but never used for training or evaluation'),
  retractedAt: z.string().nullable(),
  retractedBy: z.string().nullable(),
  retractReason: z.string().nullable(),
  replacedBy: z.string().nullable().describe('The label that corrects this one, when it was retracted with a replacement'),
});
export type Label = z.infer<typeof Label>;

export const CreateLabelsResponse = z.object({ labels: z.array(Label) });
export type CreateLabelsResponse = z.infer<typeof CreateLabelsResponse>;

/** Filters of `GET .../labels`: a label matches the time range when it touches [from, to]. */
export const ListLabelsQuery = z
  .object({
    asset: z.string().min(1).optional(),
    class: z.string().min(1).optional(),
    from: LabelQueryTime.optional().describe('Labels ending (or, for events, happening) at or after this time'),
    to: LabelQueryTime.optional().describe('Labels starting at or before this time'),
    includeRetracted: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
    limit: z.coerce.number().int().min(1).max(MAX_LABELS_PER_REQUEST).default(1000),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    message: '`to` must not be before `from`',
    path: ['to'],
  });
export type ListLabelsQuery = z.infer<typeof ListLabelsQuery>;

export const LabelList = z.object({
  labels: z.array(Label).describe('Ordered by start, then id'),
  nextOffset: z.number().int().nullable().describe('Pass as `offset` for the next page; null on the last page'),
});
export type LabelList = z.infer<typeof LabelList>;

/** A correction retracts and adds: give `replacement` to record the corrected label in the same step. */
export const RetractLabelRequest = z.object({
  reason: z.string().max(2000).default(''),
  replacement: NewLabel.optional(),
});
export type RetractLabelRequest = z.infer<typeof RetractLabelRequest>;

export const RetractLabelResponse = z.object({ retracted: Label, replacement: Label.nullable() });
export type RetractLabelResponse = z.infer<typeof RetractLabelResponse>;

/**
 * An edit: the fields to change (the rest are kept). Labels feed training, so an edit never rewrites
 * history: the old label is retracted and the edited one recorded as its replacement, in one step.
 */
export const UpdateLabelRequest = z
  .object({
    asset: NewLabel.shape.asset.optional(),
    start: LabelTime.optional(),
    end: LabelTime.nullable().optional().describe('null turns a span into an event'),
    class: NewLabel.shape.class.optional(),
    note: z.string().max(2000).optional(),
    reason: z.string().max(2000).default('edited').describe("Why it changed; kept on the retracted label"),
  })
  .refine((b) => [b.asset, b.start, b.end, b.class, b.note].some((v) => v !== undefined), { message: 'give at least one of asset, start, end, class, note' });
export type UpdateLabelRequest = z.infer<typeof UpdateLabelRequest>;

/** A delete retracts: the label stays as history with the reason, and no longer feeds training or evaluation. */
export const DeleteLabelQuery = z.object({ reason: z.string().max(2000).default('deleted') });
export type DeleteLabelQuery = z.infer<typeof DeleteLabelQuery>;
