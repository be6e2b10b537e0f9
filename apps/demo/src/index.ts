export { runDemo } from './run-demo.js';
export type { DemoIo } from './run-demo.js';
export { runTour } from './tour.js';
export type { TourOptions } from './tour.js';
export { createNarrator } from './narrator.js';
export type { Narrator } from './narrator.js';
