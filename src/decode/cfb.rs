//! Compound files (MS-CFB), the container of Word 97–2003 `.doc` and WPS `.wps` files: the header, the
//! FAT (through the DIFAT), the directory and the mini stream, enough to read a named stream. Every
//! sector chain is followed at most as many steps as the file has sectors, so a loop ends.

const SIGNATURE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
const END: u32 = 0xFFFF_FFFE;

pub struct Compound<'a> {
    bytes: &'a [u8],
    shift: u32,
    fat: Vec<u32>,
    mini_fat: Vec<u32>,
    mini_stream: Vec<u8>,
    cutoff: u64,
    /// (name, type, start sector, size) of each directory entry.
    entries: Vec<(String, u8, u32, u64)>,
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    b.get(at..at + 4).map_or(0, |s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

fn u16_at(b: &[u8], at: usize) -> u16 {
    b.get(at..at + 2).map_or(0, |s| u16::from_le_bytes([s[0], s[1]]))
}

impl<'a> Compound<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Compound<'a>, String> {
        if !bytes.starts_with(SIGNATURE) || bytes.len() < 512 {
            return Err("not a compound file (truncated?)".into());
        }
        let shift = u32::from(u16_at(bytes, 0x1E));
        if shift != 9 && shift != 12 {
            return Err(format!("unknown sector size 2^{shift}"));
        }
        let mut cfb = Compound {
            bytes,
            shift,
            fat: Vec::new(),
            mini_fat: Vec::new(),
            mini_stream: Vec::new(),
            cutoff: u64::from(u32_at(bytes, 0x38)),
            entries: Vec::new(),
        };
        // The FAT's sectors: 109 in the header, the rest through the DIFAT chain.
        let per = (1usize << shift) / 4;
        let mut fat_sectors: Vec<u32> =
            (0..109).map(|i| u32_at(bytes, 0x4C + 4 * i)).filter(|&s| s < END - 2).collect();
        let mut difat = u32_at(bytes, 0x44);
        let mut steps = 0;
        while difat < END - 2 && steps < cfb.sector_count() {
            let Some(sec) = cfb.sector(difat) else { break };
            fat_sectors.extend((0..per - 1).map(|i| u32_at(sec, 4 * i)).filter(|&s| s < END - 2));
            difat = u32_at(sec, 4 * (per - 1));
            steps += 1;
        }
        for s in fat_sectors.into_iter().take(cfb.sector_count()) {
            let sec = cfb.sector(s).ok_or("damaged FAT (truncated?)")?;
            cfb.fat.extend((0..per).map(|i| u32_at(sec, 4 * i)));
        }
        let dir = cfb.chain(u32_at(bytes, 0x30), usize::MAX)?;
        for e in dir.chunks_exact(128) {
            let len = usize::from(u16_at(e, 0x40)).min(64);
            let units: Vec<u16> = e[..len].chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
            let name = String::from_utf16_lossy(&units).trim_end_matches('\0').to_string();
            let size = if shift == 9 {
                u64::from(u32_at(e, 0x78))
            } else {
                u64::from(u32_at(e, 0x78)) | u64::from(u32_at(e, 0x7C)) << 32
            };
            cfb.entries.push((name, e[0x42], u32_at(e, 0x74), size));
        }
        let root = cfb.entries.first().filter(|e| e.1 == 5).cloned().ok_or("no root entry (damaged directory)")?;
        cfb.mini_stream = cfb.chain(root.2, root.3.min(crate::MAX_INPUT_BYTES as u64) as usize)?;
        let mini_fat = cfb.chain(u32_at(bytes, 0x3C), usize::MAX)?;
        cfb.mini_fat = mini_fat.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
        Ok(cfb)
    }

    fn sector_count(&self) -> usize {
        self.bytes.len() >> self.shift
    }

    fn sector(&self, n: u32) -> Option<&'a [u8]> {
        let size = 1usize << self.shift;
        let at = (n as usize).checked_add(1)?.checked_mul(size)?;
        self.bytes.get(at..at + size).or_else(|| self.bytes.get(at..)).filter(|s| !s.is_empty())
    }

    /// The sectors of a FAT chain, concatenated, up to `limit` bytes.
    fn chain(&self, start: u32, limit: usize) -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        let mut s = start;
        let mut steps = 0;
        while s < END - 2 && out.len() < limit {
            steps += 1;
            if steps > self.sector_count() + 1 {
                return Err("a sector chain loops (damaged file)".into());
            }
            out.extend_from_slice(self.sector(s).ok_or("a sector chain runs past the end (truncated?)")?);
            s = *self.fat.get(s as usize).unwrap_or(&END);
        }
        out.truncate(limit);
        Ok(out)
    }

    fn mini_chain(&self, start: u32, size: usize) -> Result<Vec<u8>, String> {
        let mut out = Vec::with_capacity(size);
        let mut s = start;
        let mut steps = 0;
        while s < END - 2 && out.len() < size {
            steps += 1;
            if steps > self.mini_fat.len() + 1 {
                return Err("a mini sector chain loops (damaged file)".into());
            }
            let at = s as usize * 64;
            out.extend_from_slice(
                self.mini_stream.get(at..at + 64).ok_or("a mini sector lies outside the mini stream")?,
            );
            s = *self.mini_fat.get(s as usize).unwrap_or(&END);
        }
        out.truncate(size);
        Ok(out)
    }

    /// The stream named `name` (anywhere in the directory), if there is one.
    pub fn stream(&self, name: &str) -> Result<Option<Vec<u8>>, String> {
        let Some(&(_, _, start, size)) = self.entries.iter().find(|e| e.1 == 2 && e.0 == name) else { return Ok(None) };
        if size > crate::MAX_INPUT_BYTES as u64 {
            return Err(format!("stream {name} is larger than {} MB", crate::MAX_INPUT_BYTES >> 20));
        }
        let size = size as usize;
        let data = if (size as u64) < self.cutoff { self.mini_chain(start, size)? } else { self.chain(start, size)? };
        if data.len() < size {
            return Err(format!("stream {name} is cut off (truncated file?)"));
        }
        Ok(Some(data))
    }

    /// Whether the directory names a stream.
    pub fn has(&self, name: &str) -> bool {
        self.entries.iter().any(|e| e.1 == 2 && e.0 == name)
    }
}
