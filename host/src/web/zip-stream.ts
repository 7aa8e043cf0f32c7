import { crc32 } from 'node:zlib';

/** One file of a zip: its name in the archive, its size, and its bytes in chunks. */
export interface ZipEntry {
  readonly name: string;
  readonly size: number;
  readonly chunks: () => AsyncIterable<Uint8Array>;
}

const MAX32 = 0xffffffff;

function dosDateTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
    date: (Math.max(0, d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

/**
 * A zip archive (APPNOTE 6.3.10) of the entries, as a stream of chunks: files are stored
 * (method 0: DICOM files hardly compress and stay byte-identical), each read once as it is
 * written, its CRC-32 computed on the way and given in a data descriptor; Zip64 records are
 * written where sizes or offsets pass 4 GiB or entries pass 65 535, so a study of any size
 * exports in bounded memory.
 */
export async function* zipStream(entries: AsyncIterable<ZipEntry> | Iterable<ZipEntry>, now = new Date()): AsyncGenerator<Uint8Array> {
  const { time, date } = dosDateTime(now);
  const central: Buffer[] = [];
  let offset = 0;
  let count = 0;
  for await (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const big = entry.size >= MAX32; // sizes in Zip64 form (local extra field, 8-byte data descriptor)
    const far = offset >= MAX32; // offset in the central Zip64 extra field
    const localExtra = big ? Buffer.alloc(20) : Buffer.alloc(0);
    if (big) {
      localExtra.writeUInt16LE(0x0001, 0);
      localExtra.writeUInt16LE(16, 2); // sizes 0 here: they follow in the data descriptor
    }
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(big || far ? 45 : 20, 4);
    local.writeUInt16LE(0x0808, 6); // bit 3: sizes and CRC in the data descriptor; bit 11: UTF-8 names
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    if (big) {
      local.writeUInt32LE(MAX32, 18);
      local.writeUInt32LE(MAX32, 22);
    }
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(localExtra.length, 28);
    yield Buffer.concat([local, name, localExtra]);
    let crc = 0;
    let size = 0;
    for await (const chunk of entry.chunks()) {
      crc = crc32(chunk, crc);
      size += chunk.length;
      yield chunk;
    }
    const descriptor = Buffer.alloc(big ? 24 : 16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc >>> 0, 4);
    if (big) {
      descriptor.writeBigUInt64LE(BigInt(size), 8);
      descriptor.writeBigUInt64LE(BigInt(size), 16);
    } else {
      descriptor.writeUInt32LE(size, 8);
      descriptor.writeUInt32LE(size, 12);
    }
    yield descriptor;
    const fields = [...(big ? [size, size] : []), ...(far ? [offset] : [])];
    const extra = Buffer.alloc(fields.length > 0 ? 4 + 8 * fields.length : 0);
    if (fields.length > 0) {
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(8 * fields.length, 2);
      fields.forEach((v, i) => extra.writeBigUInt64LE(BigInt(v), 4 + 8 * i));
    }
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(big || far ? 45 : 20, 4);
    header.writeUInt16LE(big || far ? 45 : 20, 6);
    header.writeUInt16LE(0x0808, 8);
    header.writeUInt16LE(time, 12);
    header.writeUInt16LE(date, 14);
    header.writeUInt32LE(crc >>> 0, 16);
    header.writeUInt32LE(big ? MAX32 : size, 20);
    header.writeUInt32LE(big ? MAX32 : size, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt16LE(extra.length, 30);
    header.writeUInt32LE(far ? MAX32 : offset, 42);
    central.push(header, name, extra);
    offset += local.length + name.length + localExtra.length + size + descriptor.length;
    count++;
  }
  const cdSize = central.reduce((n, b) => n + b.length, 0);
  yield* central;
  const needs64 = count >= 0xffff || offset >= MAX32 || cdSize >= MAX32;
  if (needs64) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeUInt16LE(45, 12);
    record.writeUInt16LE(45, 14);
    record.writeBigUInt64LE(BigInt(count), 24);
    record.writeBigUInt64LE(BigInt(count), 32);
    record.writeBigUInt64LE(BigInt(cdSize), 40);
    record.writeBigUInt64LE(BigInt(offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset + cdSize), 8);
    locator.writeUInt32LE(1, 16);
    yield record;
    yield locator;
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(needs64 ? 0xffff : count, 8);
  end.writeUInt16LE(needs64 ? 0xffff : count, 10);
  end.writeUInt32LE(needs64 ? MAX32 : cdSize, 12);
  end.writeUInt32LE(needs64 ? MAX32 : offset, 16);
  yield end;
}
