package audit

import "context"

type requestIDKey struct{}

// WithRequestID remembers the request id so entries can name the request
// that made them.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

// RequestID returns the request id in ctx, if any.
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// By is the actor with this id and name, acting in the request in ctx.
func By(ctx context.Context, id int64, name string) Actor {
	return Actor{ID: id, Name: name, RequestID: RequestID(ctx)}
}
