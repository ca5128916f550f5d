/* The tutorial project's javascript (empty, as `wagtail start` leaves it). */
