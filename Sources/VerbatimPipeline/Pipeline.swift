// The study pipeline (study + codebook -> coded corpus -> reports) lives here.
