"""What a Wagtail user compares Onedoor with, served by the same process in `make bench` only
(installed when ``BENCH_ENDPOINTS`` is set): the home page `wagtail start` makes, and a
``wagtail.contrib.forms`` form page with six fields that stores each submission."""
