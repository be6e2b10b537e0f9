export { startSseCUploadServer } from './server.js';
export type { SseCUploadServer, SseCUploadServerOptions } from './server.js';
export { corsXml, putBucketCors } from './bucket-cors.js';
export type { CorsRule } from './bucket-cors.js';
export type { BrowserRequest, UploadRequest, UploadTicket } from './upload-api.js';
