// Placeholder: the http/runs helper writes the real wiring.
