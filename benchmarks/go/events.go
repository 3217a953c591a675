package main

// The Go baseline for the event stream: a client that does what litefs-go's Client does at commit
// bcdba8b ("helpers for interacting with event stream and lag files", 2023-09-14), written for
// this benchmark because the Go module proxy serves only the earlier litefs-go commit 34ea5dc,
// which has Halt/Unhalt/WithHalt but no event client. It behaves like that client: a
// json.Decoder over the GET /events body decodes each event into a struct whose data is kept as
// json.RawMessage, then the data is decoded again into the struct of the event's type; after an
// error the next call opens a new request.

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// Event is one event of a LiteFS node's /events stream.
type Event struct {
	Type string
	DB   string
	Data any // *InitData, *TxData, *PrimaryChangeData, or a generic value for other types
}

type wireEvent struct {
	Type string          `json:"type"`
	DB   string          `json:"db,omitempty"`
	Data json.RawMessage `json:"data,omitempty"`
}

// InitData is the data of the first event of every stream.
type InitData struct {
	IsPrimary bool   `json:"isPrimary"`
	Hostname  string `json:"hostname,omitempty"`
}

// TxData is the data of a "tx" event.
type TxData struct {
	TXID              string    `json:"txID"`
	PostApplyChecksum string    `json:"postApplyChecksum"`
	PageSize          uint32    `json:"pageSize"`
	Commit            uint32    `json:"commit"`
	Timestamp         time.Time `json:"timestamp"`
}

// PrimaryChangeData is the data of a "primaryChange" event.
type PrimaryChangeData struct {
	IsPrimary bool   `json:"isPrimary"`
	Hostname  string `json:"hostname,omitempty"`
}

// UnmarshalJSON decodes the envelope first, then the data into the struct of the event's type,
// as litefs-go does (so an event without data fails, as there).
func (e *Event) UnmarshalJSON(b []byte) error {
	var w wireEvent
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	e.Type = w.Type
	e.DB = w.DB
	switch w.Type {
	case "init":
		e.Data = &InitData{}
	case "tx":
		e.Data = &TxData{}
	case "primaryChange":
		e.Data = &PrimaryChangeData{}
	default:
		e.Data = nil
	}
	return json.Unmarshal(w.Data, &e.Data)
}

// Subscription reads events from one node, reconnecting on the call after an error.
type Subscription struct {
	url    string
	client *http.Client
	ctx    context.Context
	cancel context.CancelFunc

	mu   sync.Mutex
	dec  *json.Decoder
	body io.Closer

	// Requests counts the GET /events requests sent (benchmark instrumentation only).
	Requests atomic.Int64
}

// Subscribe returns a subscription to baseURL's /events; nothing is sent before Next.
func Subscribe(client *http.Client, baseURL string) *Subscription {
	ctx, cancel := context.WithCancel(context.Background())
	return &Subscription{url: baseURL + "/events", client: client, ctx: ctx, cancel: cancel}
}

// Next returns the next event, opening a request first if none is open.
func (s *Subscription) Next() (*Event, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.dec == nil {
		s.Requests.Add(1)
		req, err := http.NewRequestWithContext(s.ctx, http.MethodGet, s.url, nil)
		if err != nil {
			return nil, err
		}
		resp, err := s.client.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode != http.StatusOK {
			resp.Body.Close()
			return nil, fmt.Errorf("unexpected status: %d", resp.StatusCode)
		}
		s.body = resp.Body
		s.dec = json.NewDecoder(resp.Body)
	}
	var e Event
	if err := s.dec.Decode(&e); err != nil {
		s.body.Close()
		s.dec = nil
		return nil, err
	}
	return &e, nil
}

// Close aborts the request in flight.
func (s *Subscription) Close() {
	s.cancel()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.dec != nil {
		s.body.Close()
		s.dec = nil
	}
}
