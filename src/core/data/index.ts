export { compressionOf, readByteLines, readDecompressedChunks, type Compression } from './byteStream.js';
export { decodeUtf8Strict, formatOf, readAllRecords, readJsonFile, readRecords, type ReadOptions, type RecordFormat, type SourcedRecord } from './records.js';
