/** One step of a complaint's timeline, stored whole as JSON in `complaint_events.data`. */
export type ComplaintEvent =
  | {
      type: 'received';
      date: string;
      /** The statutory clock's answer when the complaint was logged, and its reasoning. */
      acknowledgeBy: string | null;
      explanation: string[];
    }
  | { type: 'acknowledged'; date: string; detail?: string }
  | { type: 'investigation-started'; date: string; detail?: string }
  | { type: 'closed'; date: string; outcome: string };

export type ComplaintEventType = ComplaintEvent['type'];

export interface ComplaintTimelineEntry {
  seq: number;
  event: ComplaintEvent;
  recordedAt: string;
  actor: string;
}
