// Statistics live here.
