/** The storage rows this feature owns (snake_case, as in SQL). Filled in by the feature. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RegisterTables {}
