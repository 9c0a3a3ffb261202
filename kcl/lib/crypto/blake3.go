package crypto

// This file holds BLAKE3 (https://github.com/BLAKE3-team/BLAKE3-specs)
// in its default hash mode with a 32-byte output: a portable, unkeyed
// implementation following the specification's reference design.

import (
	"encoding/binary"
	"math/bits"
)

const (
	b3ChunkLen   = 1024
	b3BlockLen   = 64
	b3ChunkStart = 1 << 0
	b3ChunkEnd   = 1 << 1
	b3Parent     = 1 << 2
	b3Root       = 1 << 3
)

var b3IV = [8]uint32{
	0x6A09E667, 0xBB67AE85, 0x3C6EF372, 0xA54FF53A,
	0x510E527F, 0x9B05688C, 0x1F83D9AB, 0x5BE0CD19,
}

var b3Perm = [16]int{2, 6, 3, 10, 7, 0, 4, 13, 1, 11, 12, 5, 9, 14, 15, 8}

func b3G(s *[16]uint32, a, b, c, d int, mx, my uint32) {
	s[a] += s[b] + mx
	s[d] = bits.RotateLeft32(s[d]^s[a], -16)
	s[c] += s[d]
	s[b] = bits.RotateLeft32(s[b]^s[c], -12)
	s[a] += s[b] + my
	s[d] = bits.RotateLeft32(s[d]^s[a], -8)
	s[c] += s[d]
	s[b] = bits.RotateLeft32(s[b]^s[c], -7)
}

// b3Compress is the compression function; it returns the full 16-word
// state.
func b3Compress(cv *[8]uint32, block *[16]uint32, counter uint64, blockLen, flags uint32) [16]uint32 {
	s := [16]uint32{
		cv[0], cv[1], cv[2], cv[3], cv[4], cv[5], cv[6], cv[7],
		b3IV[0], b3IV[1], b3IV[2], b3IV[3],
		uint32(counter), uint32(counter >> 32), blockLen, flags,
	}
	m := *block
	for round := 0; round < 7; round++ {
		b3G(&s, 0, 4, 8, 12, m[0], m[1])
		b3G(&s, 1, 5, 9, 13, m[2], m[3])
		b3G(&s, 2, 6, 10, 14, m[4], m[5])
		b3G(&s, 3, 7, 11, 15, m[6], m[7])
		b3G(&s, 0, 5, 10, 15, m[8], m[9])
		b3G(&s, 1, 6, 11, 12, m[10], m[11])
		b3G(&s, 2, 7, 8, 13, m[12], m[13])
		b3G(&s, 3, 4, 9, 14, m[14], m[15])
		if round < 6 {
			var p [16]uint32
			for i, j := range b3Perm {
				p[i] = m[j]
			}
			m = p
		}
	}
	for i := 0; i < 8; i++ {
		s[i] ^= s[i+8]
		s[i+8] ^= cv[i]
	}
	return s
}

func b3Words(b []byte) (w [16]uint32) {
	var buf [b3BlockLen]byte
	copy(buf[:], b)
	for i := range w {
		w[i] = binary.LittleEndian.Uint32(buf[4*i:])
	}
	return w
}

// b3Output is a compression not yet run: the root flag is only known
// at the end.
type b3Output struct {
	cv       [8]uint32
	block    [16]uint32
	counter  uint64
	blockLen uint32
	flags    uint32
}

func (o *b3Output) chainingValue() (cv [8]uint32) {
	s := b3Compress(&o.cv, &o.block, o.counter, o.blockLen, o.flags)
	copy(cv[:], s[:8])
	return cv
}

func (o *b3Output) root() [32]byte {
	s := b3Compress(&o.cv, &o.block, 0, o.blockLen, o.flags|b3Root)
	var out [32]byte
	for i := 0; i < 8; i++ {
		binary.LittleEndian.PutUint32(out[4*i:], s[i])
	}
	return out
}

type b3Chunk struct {
	cv         [8]uint32
	counter    uint64
	buf        [b3BlockLen]byte
	bufLen     int
	compressed int
}

func (c *b3Chunk) len() int { return c.compressed*b3BlockLen + c.bufLen }

func (c *b3Chunk) startFlag() uint32 {
	if c.compressed == 0 {
		return b3ChunkStart
	}
	return 0
}

func (c *b3Chunk) update(p []byte) {
	for len(p) > 0 {
		if c.bufLen == b3BlockLen {
			w := b3Words(c.buf[:])
			s := b3Compress(&c.cv, &w, c.counter, b3BlockLen, c.startFlag())
			copy(c.cv[:], s[:8])
			c.compressed++
			c.bufLen = 0
		}
		n := copy(c.buf[c.bufLen:], p)
		c.bufLen += n
		p = p[n:]
	}
}

func (c *b3Chunk) output() b3Output {
	return b3Output{cv: c.cv, block: b3Words(c.buf[:c.bufLen]), counter: c.counter,
		blockLen: uint32(c.bufLen), flags: c.startFlag() | b3ChunkEnd}
}

func b3ParentOutput(left, right [8]uint32) b3Output {
	var block [16]uint32
	copy(block[:8], left[:])
	copy(block[8:], right[:])
	return b3Output{cv: b3IV, block: block, blockLen: b3BlockLen, flags: b3Parent}
}

// A blake3Hasher is an io.Writer computing a BLAKE3 hash.
type blake3Hasher struct {
	chunk b3Chunk
	stack [][8]uint32
}

func newBlake3() *blake3Hasher {
	return &blake3Hasher{chunk: b3Chunk{cv: b3IV}}
}

func (h *blake3Hasher) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		if h.chunk.len() == b3ChunkLen {
			out := h.chunk.output()
			cv := out.chainingValue()
			total := h.chunk.counter + 1
			for total&1 == 0 {
				top := h.stack[len(h.stack)-1]
				h.stack = h.stack[:len(h.stack)-1]
				po := b3ParentOutput(top, cv)
				cv = po.chainingValue()
				total >>= 1
			}
			h.stack = append(h.stack, cv)
			h.chunk = b3Chunk{cv: b3IV, counter: h.chunk.counter + 1}
		}
		take := b3ChunkLen - h.chunk.len()
		if take > len(p) {
			take = len(p)
		}
		h.chunk.update(p[:take])
		p = p[take:]
	}
	return n, nil
}

// Sum returns the 32-byte hash of what was written.
func (h *blake3Hasher) Sum() [32]byte {
	out := h.chunk.output()
	for i := len(h.stack) - 1; i >= 0; i-- {
		out = b3ParentOutput(h.stack[i], out.chainingValue())
	}
	return out.root()
}
