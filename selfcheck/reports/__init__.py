"""Reports: the inspection's data as it travels in the PDF, the PDF layout, the signing identity, signing and
verification, and export to a USB stick. Imports no Qt."""
