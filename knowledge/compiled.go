package knowledge

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"math"
	"unsafe"

	"github.com/cxlog/cxlog/analyze/class"
)

// compiledFormat changes whenever what encodeEntries writes, or what translate derives from an
// entry file (the symptoms' literals), does: a compiled base written by another cxlog version
// is then rebuilt rather than misread. TestCompiledFormatPinned notices a change that forgot it.
const compiledFormat = 7

const compiledMagic = "cxlog-compiled-kb\n"

var (
	errCompiledCorrupt = errors.New("compiled knowledge base is corrupt")
	errCompiledStale   = errors.New("compiled knowledge base is stale")
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// encodeCompiled writes what translate made of b's entries, all but each entry's origin and file
// bytes, which a reader has from the files themselves: magic, format, base hash, payload
// length, payload, CRC-32C of the payload.
func encodeCompiled(b *Base) []byte {
	var payload encoder
	payload.uvarint(uint64(len(b.Entries)))
	for _, entry := range b.Entries {
		payload.entry(entry)
	}
	var out encoder
	out.buf = append(out.buf, compiledMagic...)
	out.uvarint(compiledFormat)
	out.string(b.Hash())
	out.uvarint(uint64(len(payload.buf)))
	out.buf = append(out.buf, payload.buf...)
	out.buf = binary.LittleEndian.AppendUint32(out.buf, crc32.Checksum(payload.buf, castagnoli))
	return out.buf
}

// decodeCompiled returns the entries of a compiled base of the knowledge base whose hash is
// baseHash, or an error if data is anything else: truncated, corrupt, another
// format or another base. The entries' strings share one copy of data.
func decodeCompiled(data []byte, baseHash string) ([]*Entry, error) {
	// The entries' strings are cut from data, which nothing writes to once it is read.
	header := newDecoder(data)
	if string(header.bytes(len(compiledMagic))) != compiledMagic {
		return nil, errCompiledCorrupt
	}
	if header.uvarint() != compiledFormat {
		return nil, errCompiledStale
	}
	if hash := header.bytes(header.count()); header.err == nil && string(hash) != baseHash {
		return nil, errCompiledStale
	}
	payload := header.bytes(header.count())
	checksum := header.bytes(4)
	if header.err != nil || len(header.buf) != 0 ||
		binary.LittleEndian.Uint32(checksum) != crc32.Checksum(payload, castagnoli) {
		return nil, errCompiledCorrupt
	}
	d := newDecoder(payload)
	entries := make([]*Entry, d.count())
	values := make([]Entry, len(entries))
	for i := range entries {
		entries[i] = &values[i]
		d.entry(entries[i])
	}
	if d.err != nil || len(d.buf) != 0 {
		return nil, errCompiledCorrupt
	}
	return entries, nil
}

type encoder struct{ buf []byte }

func (e *encoder) uvarint(v uint64) { e.buf = binary.AppendUvarint(e.buf, v) }

func (e *encoder) string(s string) {
	e.uvarint(uint64(len(s)))
	e.buf = append(e.buf, s...)
}

// strings writes 0 for a nil list and the length plus one otherwise: a list decodes as the
// front matter gave it, nil or empty.
func (e *encoder) strings(list []string) {
	if list == nil {
		e.uvarint(0)
		return
	}
	e.uvarint(uint64(len(list)) + 1)
	for _, s := range list {
		e.string(s)
	}
}

func (e *encoder) bool(v bool) {
	if v {
		e.buf = append(e.buf, 1)
	} else {
		e.buf = append(e.buf, 0)
	}
}

func (e *encoder) entry(entry *Entry) {
	e.string(entry.ID)
	e.string(entry.Title)
	e.string(string(entry.Class))
	e.bool(entry.General)
	e.uvarint(uint64(entry.MinSymptoms))
	e.uvarint(uint64(len(entry.Symptoms)))
	for _, symptom := range entry.Symptoms {
		e.string(symptom.Text)
		e.string(symptom.Regex)
		e.buf = binary.LittleEndian.AppendUint64(e.buf, math.Float64bits(symptom.Weight))
		e.literalSet(symptom.required)
		e.uvarint(uint64(len(symptom.alsoRequired)))
		for _, set := range symptom.alsoRequired {
			e.literalSet(set)
		}
	}
	e.strings(entry.Applies.Targets)
	e.strings(entry.Applies.Tools)
	e.string(entry.Applies.Versions)
	e.string(entry.Cause)
	e.string(entry.Fix)
	e.uvarint(uint64(len(entry.Actions)))
	for _, action := range entry.Actions {
		e.string(action.Kind)
		e.string(action.Name)
		e.string(action.Value)
		e.string(action.Target)
		e.string(action.Crate)
		e.strings(action.Flags)
		e.strings(action.Components)
		e.strings(action.Targets)
	}
	e.strings(entry.Sources)
	e.strings(entry.Examples.Match)
	e.strings(entry.Examples.NoMatch)
	e.string(entry.Body)
}

func (e *encoder) literalSet(set literalSet) {
	e.strings(set.literals)
	e.bool(set.foldCase)
}

// decoder reads what encoder wrote. The first error sticks: every later read returns zero
// values, so that the caller checks once, at the end.
type decoder struct {
	buf []byte
	// text is buf as a string, sharing its bytes: strings are cut from it, not copied.
	text string
	err  error
	// lists is where strings cuts its lists from, so that the many short ones share a few
	// allocations.
	lists []string
}

func newDecoder(buf []byte) decoder {
	return decoder{buf: buf, text: unsafe.String(unsafe.SliceData(buf), len(buf))}
}

func (d *decoder) fail() {
	if d.err == nil {
		d.err = errCompiledCorrupt
	}
	d.buf, d.text = nil, ""
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.buf)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.advance(n)
	return v
}

func (d *decoder) advance(n int) {
	d.buf = d.buf[n:]
	d.text = d.text[n:]
}

func (d *decoder) bytes(n int) []byte {
	if n < 0 || n > len(d.buf) {
		d.fail()
		return nil
	}
	out := d.buf[:n:n]
	d.advance(n)
	return out
}

// count reads a number of items, each of which takes at least a byte: a corrupt count cannot
// make the decoder allocate more than the data's size.
func (d *decoder) count() int {
	n := d.uvarint()
	if n > uint64(len(d.buf)) {
		d.fail()
		return 0
	}
	return int(n)
}

func (d *decoder) string() string {
	n := d.count()
	if d.err != nil {
		return ""
	}
	s := d.text[:n]
	d.advance(n)
	return s
}

func (d *decoder) strings() []string {
	n := d.count()
	if n == 0 {
		return nil
	}
	n--
	if len(d.lists) < n {
		d.lists = make([]string, max(n, 512))
	}
	list := d.lists[:n:n] // full: an append to it copies rather than overwrite the next list
	d.lists = d.lists[n:]
	for i := range list {
		list[i] = d.string()
	}
	return list
}

func (d *decoder) bool() bool {
	b := d.bytes(1)
	if len(b) == 0 || b[0] > 1 {
		d.fail()
		return false
	}
	return b[0] == 1
}

func (d *decoder) float() float64 {
	b := d.bytes(8)
	if len(b) == 0 {
		return 0
	}
	return math.Float64frombits(binary.LittleEndian.Uint64(b))
}

func (d *decoder) literalSet() literalSet {
	return literalSet{literals: d.strings(), foldCase: d.bool()}
}

func (d *decoder) entry(entry *Entry) {
	*entry = Entry{
		ID:          d.string(),
		Title:       d.string(),
		Class:       class.Class(d.string()),
		General:     d.bool(),
		MinSymptoms: int(min(d.uvarint(), math.MaxInt32)),
	}
	if n := d.count(); n > 0 {
		entry.Symptoms = make([]Symptom, n)
		for i := range entry.Symptoms {
			symptom := &entry.Symptoms[i]
			symptom.Text = d.string()
			symptom.Regex = d.string()
			symptom.Weight = d.float()
			symptom.required = d.literalSet()
			if n := d.count(); n > 0 {
				symptom.alsoRequired = make([]literalSet, n)
				for j := range symptom.alsoRequired {
					symptom.alsoRequired[j] = d.literalSet()
				}
			}
			symptom.compiled = newLazyRegexp(symptom.Text, symptom.Regex)
		}
	}
	entry.Applies = Applies{Targets: d.strings(), Tools: d.strings(), Versions: d.string()}
	entry.Cause = d.string()
	entry.Fix = d.string()
	if n := d.count(); n > 0 {
		entry.Actions = make([]Action, n)
		for i := range entry.Actions {
			entry.Actions[i] = Action{
				Kind: d.string(), Name: d.string(), Value: d.string(), Target: d.string(), Crate: d.string(),
				Flags: d.strings(), Components: d.strings(), Targets: d.strings(),
			}
		}
	}
	entry.Sources = d.strings()
	entry.Examples = Examples{Match: d.strings(), NoMatch: d.strings()}
	entry.Body = d.string()
}
