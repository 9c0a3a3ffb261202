package sign

// This file holds DSSE envelopes (github.com/secure-systems-lab/dsse):
// the signed wrapper cosign uses for attestations. The signature covers
// the pre-authentication encoding of payload type and payload, so a
// payload cannot be replayed under another type.

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
)

// PayloadTypeInToto is the DSSE payload type of in-toto statements.
const PayloadTypeInToto = "application/vnd.in-toto+json"

// An Envelope is a DSSE envelope, in the JSON shape cosign writes.
type Envelope struct {
	PayloadType string              `json:"payloadType"`
	Payload     string              `json:"payload"` // standard base64
	Signatures  []EnvelopeSignature `json:"signatures"`
}

// An EnvelopeSignature is one signature of an Envelope.
type EnvelopeSignature struct {
	KeyID string `json:"keyid"`
	Sig   string `json:"sig"` // standard base64
}

// PAE returns the DSSE pre-authentication encoding of payloadType and
// payload: what is actually signed.
func PAE(payloadType string, payload []byte) []byte {
	b := []byte("DSSEv1 ")
	b = strconv.AppendInt(b, int64(len(payloadType)), 10)
	b = append(b, ' ')
	b = append(b, payloadType...)
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(len(payload)), 10)
	b = append(b, ' ')
	return append(b, payload...)
}

// SignEnvelope wraps payload in an envelope signed by s. The key id is
// left empty, as cosign does for key-based signatures.
func SignEnvelope(s *Signer, payloadType string, payload []byte) (*Envelope, error) {
	sig, err := s.Sign(PAE(payloadType, payload))
	if err != nil {
		return nil, err
	}
	return &Envelope{
		PayloadType: payloadType,
		Payload:     base64.StdEncoding.EncodeToString(payload),
		Signatures:  []EnvelopeSignature{{Sig: base64.StdEncoding.EncodeToString(sig)}},
	}, nil
}

// ErrBadSignature: a signature does not verify with the key given.
var ErrBadSignature = errors.New("signature does not verify with the given key")

// Verify returns the payload of e when one of its signatures verifies
// with v, and an error wrapping ErrBadSignature otherwise.
func (e *Envelope) Verify(v *Verifier) ([]byte, error) {
	payload, err := base64.StdEncoding.DecodeString(e.Payload)
	if err != nil {
		return nil, fmt.Errorf("DSSE envelope: bad payload encoding: %w", err)
	}
	pae := PAE(e.PayloadType, payload)
	for _, s := range e.Signatures {
		sig, err := base64.StdEncoding.DecodeString(s.Sig)
		if err != nil {
			continue
		}
		if v.Verify(pae, sig) == nil {
			return payload, nil
		}
	}
	return nil, fmt.Errorf("DSSE envelope (%d signatures): %w %s", len(e.Signatures), ErrBadSignature, v.KeyID())
}
