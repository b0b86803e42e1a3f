/**
 * The crime types of police.uk street-level data: what the police data counts by, what an indicator defined
 * on police data names, and what a scoring matrix's candidate issue maps to.
 */

/** In the order police.uk lists them; others (older names) follow alphabetically. */
export const CRIME_TYPES = [
  'Anti-social behaviour',
  'Bicycle theft',
  'Burglary',
  'Criminal damage and arson',
  'Drugs',
  'Other crime',
  'Other theft',
  'Possession of weapons',
  'Public order',
  'Robbery',
  'Shoplifting',
  'Theft from the person',
  'Vehicle crime',
  'Violence and sexual offences',
] as const
