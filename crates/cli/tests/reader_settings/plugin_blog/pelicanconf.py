import os

AUTHOR = 'A'
SITENAME = 'Plugged'
TIMEZONE = 'UTC'
HERE = os.path.dirname(os.path.abspath(__file__))
PLUGIN_PATHS = [os.path.join(HERE, 'plugins')]
PLUGINS = ['diagrams']
