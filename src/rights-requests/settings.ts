/** The choices the law leaves open, named so that an organisation (or its lawyer) can see and change them. */
export interface RightsRequestSettings {
  /**
   * How the days of a clarification pause are counted. `exclusive` (the ICO's reading: asked and
   * answered on the same day pauses nothing) or `inclusive` (the statute's "beginning with ...
   * ending with" read literally). UK GDPR Art 12(3A)-(3B) as inserted by DUAA 2025 s.76.
   */
  readonly pauseCounting: 'exclusive' | 'inclusive';
  /** A due-soon reminder is recorded once the deadline is this many working days away or fewer. */
  readonly dueSoonWorkingDays: number;
}

export const DEFAULT_RIGHTS_REQUEST_SETTINGS: RightsRequestSettings = Object.freeze({
  pauseCounting: 'exclusive',
  dueSoonWorkingDays: 5,
});
